import type { TokenCredential } from '@azure/core-auth';
import type { Environment } from '../config/environment';
import { parseResourceId } from '../lib/resourceId';
import { toAzureError } from './armError';
import { keyVaultManagementClient } from './clients';

export type CheckStatus = 'pass' | 'fail' | 'warn';

export interface KeyCheck {
  id: 'vault' | 'soft-delete' | 'purge-protection' | 'cosmos-access' | 'key-exists' | 'key-type' | 'key-enabled' | 'key-dates' | 'key-operations' | 'key-size';
  label: string;
  status: CheckStatus;
  message: string;
}

export interface KeyCheckResult {
  checks: KeyCheck[];
  vault?: { id: string; name: string; subscriptionId: string; resourceGroup: string; rbac: boolean };
}

const WHY_COSMOS =
  'Azure API for FHIR stores its data in Azure Cosmos DB; the Azure Cosmos DB service principal wraps and unwraps the data key with your key.';

/**
 * The checks Azure makes at deployment, made beforehand through Resource Manager: the vault's soft
 * delete and purge protection, Azure Cosmos DB's access, and the key's type, state and dates.
 */
export async function checkCustomerManagedKey(
  env: Environment,
  credential: TokenCredential,
  key: { vault: string; key: string },
  subscriptionIds: readonly string[],
  signal?: AbortSignal,
): Promise<KeyCheckResult> {
  const checks: KeyCheck[] = [];
  // Vault names are global; look for it in each subscription the user can see.
  let found: { vault: import('@azure/arm-keyvault').Vault; subscriptionId: string } | undefined;
  for (const subscriptionId of subscriptionIds) {
    for await (const v of keyVaultManagementClient(env, credential, subscriptionId).vaults.listBySubscription({ abortSignal: signal })) {
      if (v.name?.toLowerCase() === key.vault.toLowerCase()) found = { vault: v, subscriptionId };
    }
    if (found) break;
  }
  if (!found?.vault.id) {
    // A vault in a subscription (or tenant) the user can't read is not an error for Azure: it only can't be checked here.
    checks.push({ id: 'vault', label: 'Key vault', status: 'warn', message: `The key vault '${key.vault}' isn't in any subscription you can see, so it can't be checked here: make sure the vault name is right, that soft delete and purge protection are on, and that Azure Cosmos DB has Get, Wrap Key and Unwrap Key. Azure checks it at deployment.` });
    return { checks };
  }
  const { vault, subscriptionId } = found;
  const p = vault.properties;
  const resourceGroup = parseResourceId(vault.id!)?.resourceGroup ?? '';
  const rbac = p.enableRbacAuthorization === true;
  checks.push({ id: 'vault', label: 'Key vault', status: 'pass', message: `Found '${vault.name}' in resource group '${resourceGroup}'.` });
  checks.push(
    p.enableSoftDelete === false
      ? { id: 'soft-delete', label: 'Soft delete', status: 'fail', message: `Soft delete is off in '${vault.name}'. Azure API for FHIR needs it: a vault made without it can't be used for customer-managed keys; choose a key in another vault.` }
      : { id: 'soft-delete', label: 'Soft delete', status: 'pass', message: 'Soft delete is on.' },
  );
  checks.push(
    p.enablePurgeProtection
      ? { id: 'purge-protection', label: 'Purge protection', status: 'pass', message: 'Purge protection is on.' }
      : { id: 'purge-protection', label: 'Purge protection', status: 'fail', message: `Purge protection is off in '${vault.name}'. Turn it on in the vault's Properties (it can't be turned off again), or choose a key in another vault.` },
  );

  const cosmos = env.cosmosDbPrincipal;
  if (rbac) {
    checks.push({ id: 'cosmos-access', label: 'Azure Cosmos DB access', status: 'warn',
      message: `'${vault.name}' uses Azure RBAC: make sure Azure Cosmos DB (application ID ${cosmos.appId}) holds the role Key Vault Crypto Service Encryption User on the vault. ${WHY_COSMOS}` });
  } else if (!cosmos.objectId) {
    checks.push({ id: 'cosmos-access', label: 'Azure Cosmos DB access', status: 'warn',
      message: `Make sure an access policy gives Azure Cosmos DB (application ID ${cosmos.appId}) the key permissions Get, Wrap Key and Unwrap Key. ${WHY_COSMOS}` });
  } else {
    const policy = (p.accessPolicies ?? []).find((a) => a.objectId.toLowerCase() === cosmos.objectId);
    const granted = new Set((policy?.permissions.keys ?? []).map((k) => k.toLowerCase()));
    const missing = ['Get', 'Wrap Key', 'Unwrap Key'].filter((perm) => !granted.has('all') && !granted.has(perm.replace(' ', '').toLowerCase()));
    checks.push(
      missing.length
        ? { id: 'cosmos-access', label: 'Azure Cosmos DB access', status: 'fail',
            message: `Azure Cosmos DB can't use keys in '${vault.name}' (needs Get, Wrap Key, Unwrap Key; missing ${missing.join(', ')}). Add an access policy for Azure Cosmos DB (application ID ${cosmos.appId}). ${WHY_COSMOS}` }
        : { id: 'cosmos-access', label: 'Azure Cosmos DB access', status: 'pass', message: 'Azure Cosmos DB has Get, Wrap Key and Unwrap Key.' },
    );
  }

  let k: import('@azure/arm-keyvault').Key;
  try {
    k = await keyVaultManagementClient(env, credential, subscriptionId).keys.get(resourceGroup, vault.name!, key.key, { abortSignal: signal });
  } catch (error) {
    const e = toAzureError(error);
    checks.push(e.status === 404
      ? { id: 'key-exists', label: 'Key', status: 'fail', message: `There is no key '${key.key}' in '${vault.name}' (or it was deleted). Check the key name, or recover the deleted key.` }
      : { id: 'key-exists', label: 'Key', status: 'fail', message: `The key couldn't be read: ${e.code}: ${e.message}` });
    return { checks, vault: { id: vault.id!, name: vault.name!, subscriptionId, resourceGroup, rbac } };
  }
  checks.push({ id: 'key-exists', label: 'Key', status: 'pass', message: `Found '${key.key}'.` });
  const now = Date.now();
  const kty = String(k.kty ?? '');
  checks.push(kty === 'RSA' || kty === 'RSA-HSM'
    ? { id: 'key-type', label: 'Key type', status: 'pass', message: `${kty}${k.keySize ? ` ${k.keySize}` : ''}.` }
    : { id: 'key-type', label: 'Key type', status: 'fail', message: `'${key.key}' is an ${kty || 'unknown'} key; Azure API for FHIR needs an RSA key (2048, 3072 or 4096 bits). Choose or create an RSA key.` });
  checks.push(k.attributes?.enabled === false
    ? { id: 'key-enabled', label: 'Key enabled', status: 'fail', message: `'${key.key}' is disabled. Enable it in the vault, or create a new version.` }
    : { id: 'key-enabled', label: 'Key enabled', status: 'pass', message: 'The key is enabled.' });
  const exp = k.attributes?.expires !== undefined ? k.attributes.expires * 1000 : undefined;
  const nbf = k.attributes?.notBefore !== undefined ? k.attributes.notBefore * 1000 : undefined;
  checks.push(exp !== undefined && exp <= now
    ? { id: 'key-dates', label: 'Key dates', status: 'fail', message: `'${key.key}' expired on ${new Date(exp).toLocaleDateString()}. Create a new version, or set a later expiration date.` }
    : nbf !== undefined && nbf > now
      ? { id: 'key-dates', label: 'Key dates', status: 'fail', message: `'${key.key}' is not valid before ${new Date(nbf).toLocaleDateString()}.` }
      : { id: 'key-dates', label: 'Key dates', status: 'pass', message: exp ? `Valid until ${new Date(exp).toLocaleDateString()}.` : 'No expiration date.' });
  const ops = (k.keyOps ?? []).map(String);
  if (ops.length && (!ops.includes('wrapKey') || !ops.includes('unwrapKey'))) {
    checks.push({ id: 'key-operations', label: 'Key operations', status: 'fail', message: `'${key.key}' doesn't permit wrapKey and unwrapKey. Create a key that permits them.` });
  }
  if ((kty === 'RSA' || kty === 'RSA-HSM') && k.keySize && k.keySize < 3072) {
    checks.push({ id: 'key-size', label: 'Key size', status: 'warn', message: `'${key.key}' is RSA ${k.keySize}; a minimum of 3072 is recommended.` });
  }
  return { checks, vault: { id: vault.id!, name: vault.name!, subscriptionId, resourceGroup, rbac } };
}
