import type { TokenCredential } from '@azure/core-auth';
import type { Environment } from '../config/environment';
import { checkCustomerManagedKey } from './checkCustomerManagedKey';
import { keyVaultManagementClient } from './clients';

export interface KeyStatus {
  vault: string;
  key: string;
  /** The version Azure API for FHIR uses: the latest enabled one. */
  versionInUse?: { version: string; created?: number };
  state: 'Accessible' | 'Revoked';
  cause?: string;
  fix?: string;
}

/** The key's status as Azure API for FHIR sees it: the version in use, or why the data can't be reached and the fix. */
export async function getKeyStatus(
  env: Environment, credential: TokenCredential, key: { vault: string; key: string }, subscriptionIds: readonly string[], signal?: AbortSignal,
): Promise<KeyStatus> {
  const result = await checkCustomerManagedKey(env, credential, key, subscriptionIds, signal);
  const failed = (id: string) => result.checks.find((c) => c.id === id && c.status !== 'pass');
  const base = { vault: key.vault, key: key.key };
  if (failed('vault')) {
    return { ...base, state: 'Revoked', cause: `The key vault '${key.vault}' can't be found in the subscriptions you can see.`, fix: 'If the vault was deleted, recover it (soft delete keeps it for its retention period); otherwise ask for access to its subscription.' };
  }
  if (failed('key-exists')) {
    return { ...base, state: 'Revoked', cause: `The key '${key.key}' was deleted (or can't be found).`, fix: `Recover the deleted key in '${key.vault}' (Deleted keys → Recover); soft delete keeps it for the vault's retention period.` };
  }
  if (failed('cosmos-access')) {
    return { ...base, state: 'Revoked', cause: `Azure Cosmos DB's access to '${key.vault}' was removed.`, fix: 'Restore the access policy for Azure Cosmos DB with the key permissions Get, Wrap Key and Unwrap Key.' };
  }
  let versionInUse: KeyStatus['versionInUse'];
  if (result.vault) {
    const versions = [];
    for await (const v of keyVaultManagementClient(env, credential, result.vault.subscriptionId).keys.listVersions(result.vault.resourceGroup, key.vault, key.key, { abortSignal: signal })) {
      versions.push(v);
    }
    const enabled = versions
      .filter((v) => v.attributes?.enabled !== false)
      .sort((a, b) => (b.attributes?.created ?? 0) - (a.attributes?.created ?? 0));
    const latest = enabled[0];
    if (latest?.name) versionInUse = { version: latest.name, ...(latest.attributes?.created ? { created: latest.attributes.created * 1000 } : {}) };
  }
  if (failed('key-enabled') || !versionInUse) {
    return { ...base, state: 'Revoked', cause: `The key '${key.key}' is disabled.`, fix: `Enable the key in '${key.vault}', or create a new version of it.` };
  }
  if (failed('key-dates')) {
    return { ...base, versionInUse, state: 'Revoked', cause: `The key '${key.key}' has expired.`, fix: 'Create a new version of the key, or set a later expiration date.' };
  }
  return { ...base, versionInUse, state: 'Accessible' };
}
