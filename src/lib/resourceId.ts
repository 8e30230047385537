export interface ResourceIdParts {
  subscriptionId: string;
  resourceGroup: string;
  provider: string;
  type: string;
  name: string;
}

/** Parses `/subscriptions/{s}/resourceGroups/{g}/providers/{ns}/{type}/{name}`; undefined when it is not one. */
export function parseResourceId(id: string): ResourceIdParts | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)$/i.exec(id.trim());
  if (!m) return undefined;
  const [, subscriptionId, resourceGroup, provider, type, name] = m as unknown as [string, string, string, string, string, string];
  return { subscriptionId, resourceGroup, provider, type, name };
}
