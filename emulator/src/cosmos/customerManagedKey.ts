import { COSMOS_DB_PRINCIPAL, VAULT_DNS_SUFFIX } from '../../seed/inventory.ts';
import { hasKeyPermission } from '../keyvault/access.ts';
import { findVault, KeyStore } from '../keyvault/keyStore.ts';
import type { FaultInjector } from '../faults.ts';
import type { Db } from '../store/database.ts';

export interface KeyUriParts {
  vault: string;
  name: string;
  version?: string;
}

const VAULT_NAME = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;
const KEY_NAME = /^[0-9a-zA-Z-]{1,127}$/;
const VERSION = /^[0-9a-fA-F]{32}$/;

/** Parses `https://{vault}.vault.localhost/keys/{name}[/{version}]`, the only vault host the emulator serves. */
export function parseKeyVaultKeyUri(uri: string): KeyUriParts | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.port || url.search || url.hash || url.username || url.password) return undefined;
  const suffix = `.${VAULT_DNS_SUFFIX}`;
  if (!url.hostname.endsWith(suffix)) return undefined;
  const vault = url.hostname.slice(0, -suffix.length);
  const [empty, keys, name, version, ...extra] = url.pathname.split('/');
  if (empty !== '' || keys !== 'keys' || !name || extra.length || !VAULT_NAME.test(vault) || !KEY_NAME.test(name)) return undefined;
  if (version !== undefined && version !== '' && !VERSION.test(version)) return undefined;
  return { vault, name, ...(version ? { version } : {}) };
}

/** A refusal of the backing database, with Resource Manager's status. */
export interface CmkRefusal {
  status: number;
  code: string;
  message: string;
}

const refuse = (message: string, status = 400, code = 'BadRequest'): CmkRefusal => ({ status, code, message });

/**
 * The checks Azure Cosmos DB (behind Azure API for FHIR) makes of a customer-managed key, in order.
 * Returns the first refusal, or undefined when the key can be used.
 */
export function checkCustomerManagedKey(db: Db, faults: FaultInjector, uri: string, now = Math.floor(Date.now() / 1000)): CmkRefusal | undefined {
  const parts = parseKeyVaultKeyUri(uri.trim());
  if (!parts) return refuse(`Provided KeyVaultKeyUri ${uri} is Invalid.`);
  if (parts.version) return refuse('Please provide KeyVault Key Uri without version. We will use latest version of the key');
  const vault = findVault(db, parts.vault);
  if (!vault) return refuse(`Could not resolve the DNS of the Key Vault of the customer-managed key '${uri}'.`);
  if (faults.vaultUnresponsive(vault.name)) {
    return refuse('Database account creation failed. Error: Error contacting the Azure Key Vault resource. Please try again.', 503, 'ServiceUnavailable');
  }
  const p = vault.body.properties;
  if (!p.enableSoftDelete || !p.enablePurgeProtection) {
    const missing = [!p.enableSoftDelete && 'soft delete', !p.enablePurgeProtection && 'purge protection'].filter(Boolean).join(' and ');
    return refuse(`The Key Vault '${vault.name}' of the customer-managed key must have soft delete and purge protection enabled; ${missing} ${missing.includes(' and ') ? 'are' : 'is'} off.`);
  }
  const cosmos = COSMOS_DB_PRINCIPAL.objectId;
  const missingPermissions = (['get', 'wrapKey', 'unwrapKey'] as const).filter((perm) => !hasKeyPermission(db, vault, cosmos, perm));
  if (missingPermissions.length) {
    const how = p.enableRbacAuthorization
      ? "the role 'Key Vault Crypto Service Encryption User'"
      : 'the key permissions Get, Wrap Key and Unwrap Key in an access policy';
    return refuse(`The Key Vault '${vault.name}' does not grant the Azure Cosmos DB principal (application ID ${COSMOS_DB_PRINCIPAL.appId}) access to the customer-managed key: it needs ${how}.`);
  }
  const key = new KeyStore(db).get(vault.name, parts.name);
  if (!key) return refuse(`The customer-managed key '${parts.name}' is not found in the Key Vault '${vault.name}'.`);
  if (!key.kty.startsWith('RSA')) return refuse(`The customer-managed key '${parts.name}' is ${key.kty}; it must be an RSA key (RSA or RSA-HSM).`);
  if (!key.enabled) return refuse(`The customer-managed key '${parts.name}' is disabled. Enable it, or create a new version.`);
  if (key.exp !== null && key.exp <= now) return refuse(`The customer-managed key '${parts.name}' expired on ${new Date(key.exp * 1000).toISOString()}.`);
  if (key.nbf !== null && key.nbf > now) return refuse(`The customer-managed key '${parts.name}' is not valid before ${new Date(key.nbf * 1000).toISOString()}.`);
  if (!key.keyOps.includes('wrapKey') || !key.keyOps.includes('unwrapKey')) {
    return refuse(`The customer-managed key '${parts.name}' must permit the operations wrapKey and unwrapKey.`);
  }
  return undefined;
}
