import type { TokenCredential } from '@azure/core-auth';
import type { Environment } from '../config/environment';
import { parseResourceId } from '../lib/resourceId';
import { toAzureError, type AzureError } from './armError';
import { healthcareClient, subscriptionClient } from './clients';
import { collectCmkStatus, type CmkStatus } from './cmkStatus';

export type Encryption = 'Service-managed key' | 'Customer-managed key';

export interface FhirAccountRow {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  subscriptionId: string;
  subscriptionName: string;
  kind: string;
  provisioningState: string;
  encryption: Encryption;
  keyVaultKeyUri?: string;
  /** Reported by the service when it can (the emulator does): Accessible or Revoked, and why. */
  cmk?: CmkStatus;
}

export interface FhirAccountList {
  accounts: FhirAccountRow[];
  subscriptionCount: number;
  /** Subscriptions whose accounts could not be listed, with Resource Manager's reason. */
  failures: { subscriptionId: string; subscriptionName: string; error: AzureError }[];
}

/** Every Azure API for FHIR account in every subscription the signed-in user can see. */
export async function listFhirAccounts(env: Environment, credential: TokenCredential, signal?: AbortSignal): Promise<FhirAccountList> {
  const subscriptions = [];
  for await (const s of subscriptionClient(env, credential).subscriptions.list({ abortSignal: signal })) {
    if (s.subscriptionId) subscriptions.push({ id: s.subscriptionId, name: s.displayName ?? s.subscriptionId });
  }
  const results = await Promise.all(
    subscriptions.map(async (sub) => {
      try {
        const rows: FhirAccountRow[] = [];
        const statuses = new Map<string, CmkStatus>();
        for await (const svc of healthcareClient(env, credential, sub.id).services.list({ abortSignal: signal, onResponse: (raw) => collectCmkStatus(raw.bodyAsText, statuses) })) {
          const keyVaultKeyUri = svc.properties?.cosmosDbConfiguration?.keyVaultKeyUri ?? undefined;
          const id = svc.id ?? '';
          rows.push({
            id,
            name: svc.name ?? '',
            resourceGroup: parseResourceId(id)?.resourceGroup ?? '',
            location: svc.location,
            subscriptionId: sub.id,
            subscriptionName: sub.name,
            kind: svc.kind,
            provisioningState: svc.properties?.provisioningState ?? '',
            encryption: keyVaultKeyUri ? 'Customer-managed key' : 'Service-managed key',
            ...(keyVaultKeyUri ? { keyVaultKeyUri } : {}),
            ...(statuses.has(id.toLowerCase()) ? { cmk: statuses.get(id.toLowerCase())! } : {}),
          });
        }
        return { rows };
      } catch (error) {
        if (signal?.aborted) throw error;
        return { failure: { subscriptionId: sub.id, subscriptionName: sub.name, error: toAzureError(error) } };
      }
    }),
  );
  return {
    accounts: results.flatMap((r) => r.rows ?? []).sort((a, b) => a.name.localeCompare(b.name)),
    subscriptionCount: subscriptions.length,
    failures: results.flatMap((r) => (r.failure ? [r.failure] : [])),
  };
}
