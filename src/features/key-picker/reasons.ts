import type { KeyRow } from '../../azure/listVaultKeys';
import type { VaultRow } from '../../azure/listVaults';

/** Why Azure API for FHIR can't use keys in a vault, in the picker's words (empty: usable). */
export function vaultReasons(v: Pick<VaultRow, 'problems'>): string[] {
  const out: string[] = [];
  if (v.problems.includes('purge-protection')) out.push('Purge protection is off');
  if (v.problems.includes('soft-delete')) out.push('Soft delete is off');
  if (v.problems.includes('cosmos-access')) out.push("Azure Cosmos DB can't use keys in this vault (needs Get, Wrap Key, Unwrap Key)");
  return out;
}

export const RBAC_NOTE =
  'This vault uses Azure RBAC: Azure Cosmos DB needs the role Key Vault Crypto Service Encryption User on it (the portal can\'t read role assignments of the vault here).';

const day = (ms: number) => new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** Why a key can't be chosen, or undefined when it can (an unknown type is checked when it is chosen). */
export function keyReason(k: KeyRow, now = Date.now()): string | undefined {
  if (k.kty && k.kty !== 'RSA' && k.kty !== 'RSA-HSM') return `${k.kty} key: Azure API for FHIR needs an RSA key`;
  if (!k.enabled) return 'Disabled: enable it in the vault, or create a new version';
  if (k.expiresOn !== undefined && k.expiresOn <= now) return `Expired on ${day(k.expiresOn)}: create a new version`;
  if (k.notBefore !== undefined && k.notBefore > now) return `Not valid until ${day(k.notBefore)}`;
  return undefined;
}

export function keyTypeLabel(k: Pick<KeyRow, 'kty' | 'keySize' | 'curve'>): string {
  if (!k.kty) return '';
  return k.keySize ? `${k.kty} ${k.keySize}` : k.curve ? `${k.kty} ${k.curve}` : k.kty;
}

export const KEY_NAME_RULE = 'Key names are 1–127 letters, digits and hyphens.';
export const keyNameProblem = (name: string, existing: ReadonlySet<string>): string | undefined =>
  !name ? 'Enter a name for the key.'
    : !/^[0-9a-zA-Z-]{1,127}$/.test(name) ? KEY_NAME_RULE
      : existing.has(name.toLowerCase()) ? `A key named '${name}' already exists: select it and use Create new version instead.` : undefined;
