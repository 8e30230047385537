import type { TokenCredential } from '@azure/core-auth';
import type { Environment } from '../config/environment';
import { parseResourceId } from '../lib/resourceId';
import { keyVaultManagementClient } from './clients';

export type VaultProblem = 'soft-delete' | 'purge-protection' | 'cosmos-access' | 'rbac';

export interface VaultRow {
  id: string;
  name: string;
  resourceGroup: string;
  location: string;
  vaultUri: string;
  /** The vault's directory: access policies name it. */
  tenantId: string;
  rbac: boolean;
  /** Why Azure API for FHIR can't use keys in this vault; empty when it can (RBAC vaults: the role can't be read here). */
  problems: VaultProblem[];
  missingCosmosPermissions: string[];
}

const COSMOS_PERMISSIONS = [['get', 'Get'], ['wrapkey', 'Wrap Key'], ['unwrapkey', 'Unwrap Key']] as const;

/** Every vault of the subscription, each with the reasons (if any) Azure API for FHIR can't use its keys. */
export async function listVaults(env: Environment, credential: TokenCredential, subscriptionId: string, signal?: AbortSignal): Promise<VaultRow[]> {
  const rows: VaultRow[] = [];
  for await (const v of keyVaultManagementClient(env, credential, subscriptionId).vaults.listBySubscription({ abortSignal: signal })) {
    const p = v.properties;
    const problems: VaultProblem[] = [];
    if (p.enableSoftDelete === false) problems.push('soft-delete');
    if (!p.enablePurgeProtection) problems.push('purge-protection');
    const rbac = p.enableRbacAuthorization === true;
    let missing: string[] = [];
    if (rbac) {
      problems.push('rbac');
    } else if (env.cosmosDbPrincipal.objectId) {
      const policy = (p.accessPolicies ?? []).find((a) => a.objectId.toLowerCase() === env.cosmosDbPrincipal.objectId);
      const granted = new Set((policy?.permissions.keys ?? []).map((k) => String(k).toLowerCase()));
      missing = granted.has('all') ? [] : COSMOS_PERMISSIONS.filter(([k]) => !granted.has(k)).map(([, label]) => label);
      if (missing.length) problems.push('cosmos-access');
    }
    rows.push({
      id: v.id!, name: v.name!, resourceGroup: parseResourceId(v.id!)?.resourceGroup ?? '', location: v.location ?? '',
      vaultUri: p.vaultUri ?? `https://${v.name}.${env.keyVaultSuffixes[0]}/`, tenantId: p.tenantId, rbac, problems, missingCosmosPermissions: missing,
    });
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/** Adds the access policy Azure Cosmos DB needs (Get, Wrap Key, Unwrap Key) to the vault. */
export async function grantCosmosAccess(env: Environment, credential: TokenCredential, vault: VaultRow & { subscriptionId: string }): Promise<void> {
  const objectId = env.cosmosDbPrincipal.objectId;
  if (!objectId) throw new Error("Azure Cosmos DB's object ID in this tenant is not configured (VITE_COSMOS_DB_OBJECT_ID).");
  await keyVaultManagementClient(env, credential, vault.subscriptionId).vaults.updateAccessPolicy(vault.resourceGroup, vault.name, 'add', {
    properties: { accessPolicies: [{ tenantId: vault.tenantId, objectId, permissions: { keys: ['get', 'wrapKey', 'unwrapKey'] } }] },
  });
}
