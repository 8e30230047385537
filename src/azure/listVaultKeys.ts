import type { TokenCredential } from '@azure/core-auth';
import type { Environment } from '../config/environment';
import { keyVaultManagementClient } from './clients';
import { keyClient } from './keyClient';

export interface KeyRow {
  name: string;
  enabled: boolean;
  expiresOn?: number;
  notBefore?: number;
  /** From Resource Manager's key list (the data plane lists no type); undefined until that page arrives. */
  kty?: string;
  keySize?: number;
  curve?: string;
}

/**
 * Streams a vault's keys page by page (Key Vault pages hold at most 25): names, state and dates from
 * the data plane through the gateway; type and size from Resource Manager's key list, paged alongside.
 * One request per page of each; none per key. The signal stops both.
 */
export async function streamVaultKeys(
  env: Environment,
  credential: TokenCredential,
  vault: { vaultUri: string; name: string; resourceGroup: string; subscriptionId: string },
  on: { keys: (rows: KeyRow[]) => void; types: (types: Map<string, { kty: string; keySize?: number; curve?: string }>) => void },
  signal: AbortSignal,
): Promise<void> {
  const dataPlane = (async () => {
    for await (const page of keyClient(env, credential, vault.vaultUri).listPropertiesOfKeys({ abortSignal: signal }).byPage({ maxPageSize: 25 })) {
      if (signal.aborted) return;
      on.keys(page.map((k) => ({
        name: k.name,
        enabled: k.enabled !== false,
        ...(k.expiresOn ? { expiresOn: k.expiresOn.getTime() } : {}),
        ...(k.notBefore ? { notBefore: k.notBefore.getTime() } : {}),
      })));
    }
  })();
  const types = (async () => {
    try {
      for await (const page of keyVaultManagementClient(env, credential, vault.subscriptionId).keys.list(vault.resourceGroup, vault.name, { abortSignal: signal }).byPage()) {
        if (signal.aborted) return;
        on.types(new Map(page.filter((k) => k.name && k.kty).map((k) => [k.name!, { kty: String(k.kty), ...(k.keySize ? { keySize: k.keySize } : {}), ...(k.curveName ? { curve: String(k.curveName) } : {}) }])));
      }
    } catch {
      // Without Resource Manager's list the type is checked when a key is chosen.
    }
  })();
  await Promise.all([dataPlane, types]);
}

export interface KeyVersionRow {
  version: string;
  createdOn?: number;
  enabled: boolean;
  expiresOn?: number;
}

export async function listKeyVersions(env: Environment, credential: TokenCredential, vaultUri: string, name: string, signal?: AbortSignal): Promise<KeyVersionRow[]> {
  const rows: KeyVersionRow[] = [];
  for await (const v of keyClient(env, credential, vaultUri).listPropertiesOfKeyVersions(name, { abortSignal: signal })) {
    rows.push({
      version: v.version ?? '', enabled: v.enabled !== false,
      ...(v.createdOn ? { createdOn: v.createdOn.getTime() } : {}), ...(v.expiresOn ? { expiresOn: v.expiresOn.getTime() } : {}),
    });
  }
  return rows.sort((a, b) => (b.createdOn ?? 0) - (a.createdOn ?? 0));
}

export async function getKeyType(env: Environment, credential: TokenCredential, vaultUri: string, name: string, signal?: AbortSignal) {
  const k = await keyClient(env, credential, vaultUri).getKey(name, { abortSignal: signal });
  const n = k.key?.n;
  return { kty: String(k.keyType ?? ''), ...(n ? { keySize: n.length * 8 } : {}), ...(k.key?.crv ? { curve: String(k.key.crv) } : {}), keyOps: k.keyOperations?.map(String) ?? [] };
}

/** Creates a key, or a new version of an existing one (same name); returns its name. */
export async function createRsaKey(env: Environment, credential: TokenCredential, vaultUri: string, name: string, keySize: 2048 | 3072 | 4096): Promise<string> {
  const k = await keyClient(env, credential, vaultUri).createRsaKey(name, { keySize });
  return k.name;
}
