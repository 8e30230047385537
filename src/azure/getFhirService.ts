import type { TokenCredential } from '@azure/core-auth';
import type { ServicesDescription } from '@azure/arm-healthcareapis';
import type { Environment } from '../config/environment';
import { healthcareClient } from './clients';
import { collectCmkStatus, type CmkStatus } from './cmkStatus';

export interface FhirAccount {
  resource: ServicesDescription;
  cmk?: CmkStatus;
}

export async function getFhirService(
  env: Environment, credential: TokenCredential, id: { subscriptionId: string; resourceGroup: string; name: string }, signal?: AbortSignal,
): Promise<FhirAccount> {
  const statuses = new Map<string, CmkStatus>();
  const resource = await healthcareClient(env, credential, id.subscriptionId).services.get(id.resourceGroup, id.name, {
    abortSignal: signal,
    onResponse: (raw) => collectCmkStatus(raw.bodyAsText, statuses),
  });
  const cmk = statuses.get((resource.id ?? '').toLowerCase());
  return { resource, ...(cmk ? { cmk } : {}) };
}
