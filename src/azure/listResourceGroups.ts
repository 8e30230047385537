import type { TokenCredential } from '@azure/core-auth';
import type { Environment } from '../config/environment';
import { resourcesClient } from './clients';

export interface ResourceGroupSummary {
  name: string;
  location: string;
}

export async function listResourceGroups(env: Environment, credential: TokenCredential, subscriptionId: string, signal?: AbortSignal): Promise<ResourceGroupSummary[]> {
  const out: ResourceGroupSummary[] = [];
  for await (const g of resourcesClient(env, credential, subscriptionId).resourceGroups.list({ abortSignal: signal })) {
    if (g.name) out.push({ name: g.name, location: g.location });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Creates the resource group if it does not exist (PUT is idempotent for the same location). */
export async function createResourceGroup(env: Environment, credential: TokenCredential, subscriptionId: string, name: string, location: string): Promise<void> {
  await resourcesClient(env, credential, subscriptionId).resourceGroups.createOrUpdate(name, { location });
}
