import type { Db } from '../store/database.ts';
import { rolesAt, type RoleName } from '../store/resources.ts';
import type { VaultBody } from './keyStore.ts';

/** Key permissions as access policies name them. */
export type KeyPermission =
  | 'get' | 'list' | 'create' | 'update' | 'import' | 'delete' | 'recover' | 'backup' | 'restore' | 'purge'
  | 'encrypt' | 'decrypt' | 'wrapKey' | 'unwrapKey' | 'sign' | 'verify' | 'rotate' | 'getrotationpolicy' | 'setrotationpolicy';

/** How Key Vault names the operation in its 403 text (`The operation "List" is not enabled …`). */
export const OPERATION_NAMES: Record<KeyPermission, string> = {
  get: 'Get', list: 'List', create: 'Create', update: 'Update', import: 'Import', delete: 'Delete', recover: 'Recover',
  backup: 'Backup', restore: 'Restore', purge: 'Purge', encrypt: 'Encrypt', decrypt: 'Decrypt', wrapKey: 'Wrap Key',
  unwrapKey: 'Unwrap Key', sign: 'Sign', verify: 'Verify', rotate: 'Rotate', getrotationpolicy: 'Get Rotation Policy',
  setrotationpolicy: 'Set Rotation Policy',
};

/** RBAC data actions, for the RBAC-mode 403 text. */
export const DATA_ACTIONS: Record<KeyPermission, string> = {
  get: 'Microsoft.KeyVault/vaults/keys/read', list: 'Microsoft.KeyVault/vaults/keys/read',
  create: 'Microsoft.KeyVault/vaults/keys/create/action', update: 'Microsoft.KeyVault/vaults/keys/update/action',
  import: 'Microsoft.KeyVault/vaults/keys/import/action', delete: 'Microsoft.KeyVault/vaults/keys/delete',
  recover: 'Microsoft.KeyVault/vaults/keys/recover/action', backup: 'Microsoft.KeyVault/vaults/keys/backup/action',
  restore: 'Microsoft.KeyVault/vaults/keys/restore/action', purge: 'Microsoft.KeyVault/vaults/deletedKeys/delete',
  encrypt: 'Microsoft.KeyVault/vaults/keys/encrypt/action', decrypt: 'Microsoft.KeyVault/vaults/keys/decrypt/action',
  wrapKey: 'Microsoft.KeyVault/vaults/keys/wrap/action', unwrapKey: 'Microsoft.KeyVault/vaults/keys/unwrap/action',
  sign: 'Microsoft.KeyVault/vaults/keys/sign/action', verify: 'Microsoft.KeyVault/vaults/keys/verify/action',
  rotate: 'Microsoft.KeyVault/vaults/keys/rotate/action', getrotationpolicy: 'Microsoft.KeyVault/vaults/keys/rotationpolicy/read',
  setrotationpolicy: 'Microsoft.KeyVault/vaults/keys/rotationpolicy/write',
};

const ALL: readonly KeyPermission[] = Object.keys(OPERATION_NAMES) as KeyPermission[];

/** What each built-in Key Vault data role allows on keys. */
export const ROLE_KEY_PERMISSIONS: Partial<Record<RoleName, readonly KeyPermission[]>> = {
  'Key Vault Administrator': ALL,
  'Key Vault Crypto Officer': ALL,
  'Key Vault Crypto User': ['get', 'list', 'update', 'backup', 'encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'sign', 'verify'],
  'Key Vault Crypto Service Encryption User': ['get', 'wrapKey', 'unwrapKey'],
  'Key Vault Reader': ['get', 'list'],
};

/** Whether the principal holds the key permission on the vault, by access policy or (RBAC mode) role. */
export function hasKeyPermission(db: Db, vault: { id: string; body: VaultBody }, objectId: string, permission: KeyPermission): boolean {
  const p = vault.body.properties;
  if (p.enableRbacAuthorization) {
    return rolesAt(db, objectId, vault.id).some((role) => ROLE_KEY_PERMISSIONS[role]?.includes(permission));
  }
  const wanted = permission.toLowerCase();
  return p.accessPolicies.some(
    (ap) =>
      ap.objectId.toLowerCase() === objectId.toLowerCase() &&
      ap.tenantId.toLowerCase() === p.tenantId.toLowerCase() &&
      (ap.permissions.keys ?? []).some((k) => k.toLowerCase() === wanted || k.toLowerCase() === 'all'),
  );
}
