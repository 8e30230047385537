import { ArmError, armErrors } from '../errors/arm.ts';
import { KeyStore, type KeyVersion, type VaultBody, type VaultProperties, findVault } from '../keyvault/keyStore.ts';
import { getResource, listResources, newEtag, putResource, resourceId } from '../store/resources.ts';
import { TENANT_ID, vaultUri } from '../../seed/inventory.ts';
import { authorize, invalidContent, objectBody, page, readTags, type ArmRequest, type ArmResponse } from './context.ts';

export const VAULT_TYPE = 'Microsoft.KeyVault/vaults';
const READ = 'Microsoft.KeyVault/vaults/read';
const WRITE = 'Microsoft.KeyVault/vaults/write';
const VAULT_NAME = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_PERMISSIONS = [
  'all', 'encrypt', 'decrypt', 'wrapkey', 'unwrapkey', 'sign', 'verify', 'get', 'list', 'create', 'update', 'import', 'delete',
  'backup', 'restore', 'recover', 'purge', 'release', 'rotate', 'getrotationpolicy', 'setrotationpolicy',
];

type AccessPolicy = VaultProperties['accessPolicies'][number];

function ids(r: ArmRequest) {
  const { subscriptionId, resourceGroup, name } = r.params as { subscriptionId: string; resourceGroup: string; name: string };
  return { subscriptionId, resourceGroup, name, id: resourceId(subscriptionId, resourceGroup, VAULT_TYPE, name) };
}

function rgMustExist(r: ArmRequest, subscriptionId: string, resourceGroup: string): void {
  if (!getResource(r.db, `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`)) throw armErrors.resourceGroupNotFound(resourceGroup);
}

function requireVault(r: ArmRequest, write = false) {
  const { subscriptionId, resourceGroup, name, id } = ids(r);
  authorize(r, subscriptionId, id, write ? WRITE : READ, write);
  rgMustExist(r, subscriptionId, resourceGroup);
  const vault = getResource<VaultBody>(r.db, id);
  if (!vault) throw armErrors.resourceNotFound(VAULT_TYPE, name, resourceGroup);
  return vault;
}

function readAccessPolicies(value: unknown, path: string): AccessPolicy[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidContent(path, 'a list of access policies');
  return value.map((v, i) => {
    const p = v as Record<string, unknown>;
    if (!p || typeof p !== 'object' || typeof p.objectId !== 'string' || !GUID.test(p.objectId)) throw invalidContent(`${path}[${i}].objectId`, 'a GUID');
    if (typeof p.tenantId !== 'string' || !GUID.test(p.tenantId)) throw invalidContent(`${path}[${i}].tenantId`, 'a GUID');
    const perms = (p.permissions ?? {}) as Record<string, unknown>;
    const list = (k: string) => {
      const x = perms[k] ?? [];
      if (!Array.isArray(x) || !x.every((s) => typeof s === 'string')) throw invalidContent(`${path}[${i}].permissions.${k}`, 'a list of strings');
      return x as string[];
    };
    const keys = list('keys');
    const bad = keys.find((k) => !KEY_PERMISSIONS.includes(k.toLowerCase()));
    if (bad) throw new ArmError(400, 'BadRequest', `The key permission '${bad}' is not valid. Valid permissions: ${KEY_PERMISSIONS.join(', ')}.`, `${path}[${i}].permissions.keys`);
    return { tenantId: p.tenantId, objectId: p.objectId, permissions: { keys, secrets: list('secrets'), certificates: list('certificates') } };
  });
}

/** Soft delete and purge protection as Azure rules them: both can be turned on, never off. */
function vaultRules(before: VaultProperties | undefined, next: VaultProperties): void {
  if (next.enableSoftDelete === false && (before?.enableSoftDelete !== false)) {
    throw new ArmError(400, 'BadRequest', 'The property "enableSoftDelete" cannot be set to false. Enabling the \'soft delete\' functionality is an irreversible action.', 'properties.enableSoftDelete');
  }
  if (before?.enablePurgeProtection && next.enablePurgeProtection !== true) {
    throw new ArmError(400, 'BadRequest', 'The property "enablePurgeProtection" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.', 'properties.enablePurgeProtection');
  }
  if (next.enablePurgeProtection && next.enableSoftDelete === false) {
    throw new ArmError(400, 'BadRequest', 'The property "enablePurgeProtection" cannot be set to true when "enableSoftDelete" is set to false.', 'properties.enablePurgeProtection');
  }
  const days = next.softDeleteRetentionInDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 7 || days > 90)) {
    throw new ArmError(400, 'BadRequest', 'softDeleteRetentionInDays must be a whole number of days from 7 to 90.', 'properties.softDeleteRetentionInDays');
  }
  if (before?.softDeleteRetentionInDays !== undefined && days !== before.softDeleteRetentionInDays && before.enableSoftDelete) {
    throw new ArmError(400, 'BadRequest', 'The property "softDeleteRetentionInDays" cannot be changed once soft delete is on.', 'properties.softDeleteRetentionInDays');
  }
}

function readProperties(raw: Record<string, unknown>, before?: VaultProperties): Omit<VaultProperties, 'vaultUri'> {
  const p = raw;
  const bool = (k: string) => {
    const v = p[k];
    if (v !== undefined && v !== null && typeof v !== 'boolean') throw invalidContent(`properties.${k}`, 'true or false');
    return v === null ? undefined : (v as boolean | undefined);
  };
  const tenantId = p.tenantId ?? before?.tenantId;
  if (typeof tenantId !== 'string' || !GUID.test(tenantId)) throw invalidContent('properties.tenantId', 'the directory (tenant) ID, a GUID');
  if (tenantId.toLowerCase() !== TENANT_ID) throw new ArmError(400, 'BadRequest', `The tenant '${tenantId}' is not the subscription's tenant '${TENANT_ID}'.`, 'properties.tenantId');
  const sku = (p.sku ?? (before as Record<string, unknown> | undefined)?.sku) as { family?: unknown; name?: unknown } | undefined;
  if (!sku || sku.family !== 'A' || (sku.name !== 'standard' && sku.name !== 'premium')) throw invalidContent('properties.sku', "{ family: 'A', name: 'standard' | 'premium' }");
  const pna = p.publicNetworkAccess ?? before?.publicNetworkAccess ?? 'Enabled';
  if (pna !== 'Enabled' && pna !== 'Disabled') throw invalidContent('properties.publicNetworkAccess', "'Enabled' or 'Disabled'");
  const retention = p.softDeleteRetentionInDays ?? before?.softDeleteRetentionInDays ?? 90;
  if (typeof retention !== 'number') throw invalidContent('properties.softDeleteRetentionInDays', 'an integer');
  return {
    tenantId: tenantId.toLowerCase(),
    ...({ sku: { family: 'A', name: sku.name } } as object),
    accessPolicies: p.accessPolicies !== undefined ? readAccessPolicies(p.accessPolicies, 'properties.accessPolicies') : (before?.accessPolicies ?? []),
    enabledForDeployment: bool('enabledForDeployment') ?? before?.enabledForDeployment ?? false,
    enabledForDiskEncryption: bool('enabledForDiskEncryption') ?? before?.enabledForDiskEncryption ?? false,
    enabledForTemplateDeployment: bool('enabledForTemplateDeployment') ?? before?.enabledForTemplateDeployment ?? false,
    enableSoftDelete: bool('enableSoftDelete') ?? before?.enableSoftDelete ?? true,
    softDeleteRetentionInDays: retention,
    enablePurgeProtection: bool('enablePurgeProtection') ?? before?.enablePurgeProtection,
    enableRbacAuthorization: bool('enableRbacAuthorization') ?? before?.enableRbacAuthorization ?? false,
    publicNetworkAccess: pna,
    ...(p.networkAcls && typeof p.networkAcls === 'object' ? { networkAcls: p.networkAcls as VaultProperties['networkAcls'] } : before?.networkAcls ? { networkAcls: before.networkAcls } : {}),
  } as Omit<VaultProperties, 'vaultUri'>;
}

function save(r: ArmRequest, o: { subscriptionId: string; resourceGroup: string; name: string; id: string; location: string; tags: Record<string, string>; properties: Omit<VaultProperties, 'vaultUri'> }) {
  const body: VaultBody = {
    id: o.id, name: o.name, type: VAULT_TYPE, location: o.location, tags: o.tags,
    properties: {
      ...o.properties,
      ...(o.properties.enablePurgeProtection ? { enablePurgeProtection: true } : { enablePurgeProtection: undefined }),
      vaultUri: vaultUri(o.name),
      ...({ provisioningState: 'Succeeded' } as object),
    } as VaultProperties,
  };
  if (!body.properties.enablePurgeProtection) delete body.properties.enablePurgeProtection;
  return putResource(r.db, { id: o.id, subscriptionId: o.subscriptionId, resourceGroup: o.resourceGroup, type: VAULT_TYPE, name: o.name, body, etag: newEtag() });
}

export function listVaults(r: ArmRequest): ArmResponse {
  const { subscriptionId, resourceGroup } = r.params as { subscriptionId: string; resourceGroup?: string };
  const scope = resourceGroup ? `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}` : `/subscriptions/${subscriptionId}`;
  authorize(r, subscriptionId, scope, READ);
  if (resourceGroup) rgMustExist(r, subscriptionId, resourceGroup);
  const top = Number(r.query.get('$top'));
  const size = Number.isInteger(top) && top > 0 && top <= 1000 ? top : 100;
  return page(r, `${scope}/providers/${VAULT_TYPE}`, (after, limit) =>
    listResources<VaultBody>(r.db, { subscriptionId, type: VAULT_TYPE, resourceGroup, after, limit }).map((v) => ({ ...v.body, id: v.id })), size);
}

export function getVault(r: ArmRequest): ArmResponse {
  return { status: 200, body: requireVault(r).body };
}

export function putVault(r: ArmRequest): ArmResponse {
  const { subscriptionId, resourceGroup, name, id } = ids(r);
  authorize(r, subscriptionId, id, WRITE, true);
  rgMustExist(r, subscriptionId, resourceGroup);
  if (!VAULT_NAME.test(name)) {
    throw new ArmError(400, 'VaultNameNotValid',
      `The vault name '${name}' is invalid. A vault's name must be between 3-24 alphanumeric characters. The name must begin with a letter, end with a letter or digit, and not contain consecutive hyphens.`);
  }
  const raw = objectBody(r);
  const existing = getResource<VaultBody>(r.db, id);
  const elsewhere = findVault(r.db, name);
  if (!existing && elsewhere) {
    throw new ArmError(409, 'VaultAlreadyExists', `The vault name '${name}' is already in use. Vault names are globally unique so it is possible that the name is already taken.`);
  }
  if (typeof raw.location !== 'string' || !raw.location.trim()) throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.', 'location');
  const location = raw.location.replace(/\s+/g, '').toLowerCase();
  if (existing && existing.body.location !== location) {
    throw new ArmError(400, 'InvalidResourceLocation', `The resource '${name}' already exists in location '${existing.body.location}' in resource group '${resourceGroup}'.`);
  }
  const props = raw.properties;
  if (!props || typeof props !== 'object' || Array.isArray(props)) throw invalidContent('properties', 'an object');
  const properties = readProperties(props as Record<string, unknown>);
  vaultRules(existing?.body.properties, properties as VaultProperties);
  const saved = r.db.transaction(() => save(r, { subscriptionId, resourceGroup, name: existing?.body.name ?? name, id, location, tags: readTags(raw.tags), properties }))();
  return { status: existing ? 200 : 201, body: saved.body };
}

export function patchVault(r: ArmRequest): ArmResponse {
  const vault = requireVault(r, true);
  const { subscriptionId, resourceGroup, id } = ids(r);
  const raw = objectBody(r);
  const props = (raw.properties ?? {}) as Record<string, unknown>;
  if (typeof props !== 'object' || Array.isArray(props)) throw invalidContent('properties', 'an object');
  const properties = readProperties(props, vault.body.properties);
  vaultRules(vault.body.properties, properties as VaultProperties);
  const tags = raw.tags === undefined ? ((vault.body.tags as Record<string, string>) ?? {}) : readTags(raw.tags);
  const saved = r.db.transaction(() => save(r, { subscriptionId, resourceGroup, name: vault.body.name, id, location: vault.body.location, tags, properties }))();
  return { status: 200, body: saved.body };
}

export function updateAccessPolicies(r: ArmRequest): ArmResponse {
  const vault = requireVault(r, true);
  const kind = String(r.params.operationKind).toLowerCase();
  if (kind !== 'add' && kind !== 'replace' && kind !== 'remove') {
    throw new ArmError(400, 'BadRequest', `The operation kind '${r.params.operationKind}' is not valid: use add, replace or remove.`);
  }
  const raw = objectBody(r);
  const given = readAccessPolicies((raw.properties as Record<string, unknown> | undefined)?.accessPolicies, 'properties.accessPolicies');
  if (!given.length) throw invalidContent('properties.accessPolicies', 'a non-empty list of access policies');
  const current = vault.body.properties.accessPolicies.map((p) => ({ ...p, permissions: { ...p.permissions } }));
  const union = (a: string[] = [], b: string[] = []) => [...new Set([...a, ...b])];
  const minus = (a: string[] = [], b: string[] = []) => a.filter((x) => !b.some((y) => y.toLowerCase() === x.toLowerCase()));
  for (const g of given) {
    const i = current.findIndex((c) => c.objectId.toLowerCase() === g.objectId.toLowerCase() && c.tenantId.toLowerCase() === g.tenantId.toLowerCase());
    if (kind === 'add') {
      if (i < 0) current.push(g);
      else {
        const c = current[i]!;
        c.permissions = { keys: union(c.permissions.keys, g.permissions.keys), secrets: union(c.permissions.secrets, g.permissions.secrets), certificates: union(c.permissions.certificates, g.permissions.certificates) };
      }
    } else if (kind === 'replace') {
      if (i < 0) current.push(g);
      else current[i] = g;
    } else if (i >= 0) {
      const c = current[i]!;
      c.permissions = { keys: minus(c.permissions.keys, g.permissions.keys), secrets: minus(c.permissions.secrets, g.permissions.secrets), certificates: minus(c.permissions.certificates, g.permissions.certificates) };
      const empty = !c.permissions.keys?.length && !c.permissions.secrets?.length && !c.permissions.certificates?.length;
      if (empty) current.splice(i, 1);
    }
  }
  const next = { ...vault.body, properties: { ...vault.body.properties, accessPolicies: current } };
  putResource(r.db, { ...vault, body: next, etag: newEtag() });
  return {
    status: 200,
    body: { id: `${vault.body.id}/accessPolicies/${kind}`, name: kind, type: 'Microsoft.KeyVault/vaults/accessPolicies', location: vault.body.location, properties: { accessPolicies: current } },
  };
}

// ----- management-plane keys (read) -----

function keyResource(vault: VaultBody, k: KeyVersion, versioned: boolean) {
  const base = `https://${vault.name}.vault.localhost:443/keys/${k.name}`;
  return {
    id: `${vault.id}/keys/${k.name}${versioned ? `/versions/${k.version}` : ''}`,
    name: versioned ? k.version : k.name,
    type: versioned ? 'Microsoft.KeyVault/vaults/keys/versions' : 'Microsoft.KeyVault/vaults/keys',
    location: vault.location,
    tags: k.tags,
    properties: {
      attributes: {
        enabled: k.enabled, ...(k.nbf !== null ? { nbf: k.nbf } : {}), ...(k.exp !== null ? { exp: k.exp } : {}),
        created: k.created, updated: k.updated,
        recoveryLevel: vault.properties.enablePurgeProtection ? 'Recoverable' : vault.properties.enableSoftDelete ? 'Recoverable+Purgeable' : 'Purgeable',
        exportable: false,
      },
      kty: k.kty, keyOps: k.keyOps, ...(k.size ? { keySize: k.size } : {}), ...(k.crv ? { curveName: k.crv } : {}),
      keyUri: base, keyUriWithVersion: `${base}/${k.version}`,
    },
  };
}

export function listVaultKeys(r: ArmRequest): ArmResponse {
  const vault = requireVault(r);
  const store = new KeyStore(r.db);
  return page(r, `${vault.body.id}/keys`, (after, limit) => {
    const afterName = after ? after.slice(after.lastIndexOf('/keys/') + '/keys/'.length) : undefined;
    return store.listKeys(vault.body.name, afterName, limit).map((k) => keyResource(vault.body, k, false));
  }, 25);
}

export function getVaultKey(r: ArmRequest): ArmResponse {
  const vault = requireVault(r);
  const key = new KeyStore(r.db).get(vault.body.name, r.params.keyName!);
  if (!key) throw new ArmError(404, 'KeyNotFound', `The key '${r.params.keyName}' was not found in vault '${vault.body.name}'.`);
  return { status: 200, body: keyResource(vault.body, key, false) };
}

export function listVaultKeyVersions(r: ArmRequest): ArmResponse {
  const vault = requireVault(r);
  const store = new KeyStore(r.db);
  if (!store.get(vault.body.name, r.params.keyName!)) throw new ArmError(404, 'KeyNotFound', `The key '${r.params.keyName}' was not found in vault '${vault.body.name}'.`);
  const versions = store.listVersions(vault.body.name, r.params.keyName!, undefined, 10_000).map(({ key }) => keyResource(vault.body, key, true));
  return { status: 200, body: { value: versions } };
}

export function getVaultKeyVersion(r: ArmRequest): ArmResponse {
  const vault = requireVault(r);
  const key = new KeyStore(r.db).get(vault.body.name, r.params.keyName!, r.params.version);
  if (!key) throw new ArmError(404, 'KeyNotFound', `The key version '${r.params.keyName}/${r.params.version}' was not found in vault '${vault.body.name}'.`);
  return { status: 200, body: keyResource(vault.body, key, true) };
}
