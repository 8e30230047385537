/**
 * The backing database's view of an account's customer-managed key, when Resource Manager reports it
 * (the emulator does, with Azure Cosmos DB's property names and words): the version in use, and whether
 * access is confirmed or revoked. The SDK's models drop these properties, so they are read from the
 * raw response.
 */
export interface CmkStatus {
  revoked: boolean;
  message: string;
  versionInUse?: string;
}

export function cmkStatusOf(properties: unknown): CmkStatus | undefined {
  if (!properties || typeof properties !== 'object') return undefined;
  const p = properties as { customerManagedKeyStatus?: unknown; keyVaultKeyUriVersion?: unknown };
  if (typeof p.customerManagedKeyStatus !== 'string') return undefined;
  return {
    revoked: /revoked/i.test(p.customerManagedKeyStatus),
    message: p.customerManagedKeyStatus,
    ...(typeof p.keyVaultKeyUriVersion === 'string' ? { versionInUse: p.keyVaultKeyUriVersion } : {}),
  };
}

/** Collects the CMK status of each account in the raw body of a get or a list page. */
export function collectCmkStatus(bodyAsText: string | null | undefined, into: Map<string, CmkStatus>): void {
  if (!bodyAsText) return;
  try {
    const body = JSON.parse(bodyAsText) as { id?: string; properties?: unknown; value?: { id?: string; properties?: unknown }[] };
    for (const item of body.value ?? [body]) {
      const status = cmkStatusOf(item.properties);
      if (item.id && status) into.set(item.id.toLowerCase(), status);
    }
  } catch {
    // Not JSON: nothing to collect.
  }
}
