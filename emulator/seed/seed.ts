import type { Db } from '../src/store/database.ts';
import { putResource, resourceId } from '../src/store/resources.ts';
import { createKeyMaterial, newKeyVersion, RSA_KEY_OPS, EC_KEY_OPS } from '../src/keyvault/keyMaterial.ts';
import {
  ACCOUNTS, COSMOS_DB_PRINCIPAL, DEMO_SERVICE_PRINCIPAL, DEMO_USERS, RESOURCE_GROUPS, SUBSCRIPTIONS, TENANT_ID, VAULTS, vaultUri,
  type SeedKeySpec,
} from './inventory.ts';

const DAY = 86_400;
const ALL_KEY_PERMISSIONS = [
  'encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'sign', 'verify', 'get', 'list', 'create', 'update',
  'import', 'delete', 'backup', 'restore', 'recover', 'purge', 'rotate', 'getrotationpolicy', 'setrotationpolicy',
];

/** The body of an Azure API for FHIR account as Resource Manager returns it. */
export function fhirServiceBody(a: {
  subscriptionId: string; resourceGroup: string; name: string; location: string; kind?: string;
  offerThroughput: number; keyVaultKeyUri?: string; createdBy: string; createdAt: string;
}) {
  return {
    id: resourceId(a.subscriptionId, a.resourceGroup, 'Microsoft.HealthcareApis/services', a.name),
    name: a.name,
    type: 'Microsoft.HealthcareApis/services',
    location: a.location,
    kind: a.kind ?? 'fhir-R4',
    tags: {},
    properties: {
      provisioningState: 'Succeeded',
      accessPolicies: [],
      cosmosDbConfiguration: {
        offerThroughput: a.offerThroughput,
        ...(a.keyVaultKeyUri ? { keyVaultKeyUri: a.keyVaultKeyUri } : {}),
      },
      authenticationConfiguration: {
        authority: `https://login.microsoftonline.com/${TENANT_ID}`,
        audience: `https://${a.name}.azurehealthcareapis.localhost`,
        smartProxyEnabled: false,
      },
      corsConfiguration: { origins: [], headers: [], methods: [], allowCredentials: false },
      exportConfiguration: {},
      privateEndpointConnections: [],
      publicNetworkAccess: 'Enabled',
    },
    systemData: {
      createdBy: a.createdBy, createdByType: 'User', createdAt: a.createdAt,
      lastModifiedBy: a.createdBy, lastModifiedByType: 'User', lastModifiedAt: a.createdAt,
    },
  };
}

interface KeyRow {
  vault: string; name: string; version: string; created: number; enabled: number; exp: number | null;
  kty: string; size: number | null; crv: string | null; keyOps: string; publicJwk: string; privatePem: string;
}

/** Makes the key pairs of one seed key (older versions first: the last one is the current version). */
async function seedKeyRows(vault: string, spec: SeedKeySpec, now: number): Promise<KeyRow[]> {
  const versions = spec.versions ?? 1;
  const materials = await Promise.all(
    Array.from({ length: versions }, () => createKeyMaterial(spec.kty === 'RSA' ? { kty: 'RSA', size: spec.size } : { kty: 'EC', crv: spec.crv })),
  );
  return materials.map((m, i) => ({
    vault, name: spec.name, version: newKeyVersion(), created: now - (versions - i) * 30 * DAY,
    enabled: spec.enabled === false ? 0 : 1,
    exp: spec.expiresInDays === undefined ? null : now + spec.expiresInDays * DAY,
    kty: spec.kty, size: spec.kty === 'RSA' ? spec.size : null, crv: spec.kty === 'EC' ? spec.crv : null,
    keyOps: JSON.stringify(spec.kty === 'RSA' ? RSA_KEY_OPS : EC_KEY_OPS),
    publicJwk: JSON.stringify(m.publicJwk), privatePem: m.privatePem,
  }));
}

/** Writes the demo inventory into an empty store, in one transaction. */
export async function seed(db: Db): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const createdAt = new Date((now - 120 * DAY) * 1000).toISOString();
  // Key generation is asynchronous and the slow part: make every key pair first, in parallel,
  // then write the whole inventory in one transaction.
  const keyRows = (await Promise.all(VAULTS.flatMap((v) => v.keys.map((k) => seedKeyRows(v.name, k, now))))).flat();
  const write = db.transaction(() => {
    for (const s of Object.values(SUBSCRIPTIONS)) {
      db.prepare('insert into subscriptions (id, display_name, tenant_id, state) values (?, ?, ?, ?)').run(s.id, s.displayName, TENANT_ID, 'Enabled');
      for (const u of DEMO_USERS) {
        db.prepare('insert into role_assignments (principal_id, scope, role) values (?, ?, ?)').run(u.objectId, `/subscriptions/${s.id}`, u.role);
      }
      db.prepare('insert into role_assignments (principal_id, scope, role) values (?, ?, ?)')
        .run(DEMO_SERVICE_PRINCIPAL.objectId, `/subscriptions/${s.id}`, 'Contributor');
      // FHIR data access is separate from Resource Manager roles, as in Azure.
      for (const principal of [DEMO_USERS[0]!.objectId, DEMO_SERVICE_PRINCIPAL.objectId]) {
        db.prepare('insert into role_assignments (principal_id, scope, role) values (?, ?, ?)').run(principal, `/subscriptions/${s.id}`, 'FHIR Data Contributor');
      }
    }
    for (const g of RESOURCE_GROUPS) {
      const id = `/subscriptions/${g.subscriptionId}/resourceGroups/${g.name}`;
      putResource(db, {
        id, subscriptionId: g.subscriptionId, resourceGroup: g.name, type: 'Microsoft.Resources/resourceGroups', name: g.name,
        body: { id, name: g.name, type: 'Microsoft.Resources/resourceGroups', location: g.location, properties: { provisioningState: 'Succeeded' } },
      });
    }
    const dana = DEMO_USERS[0]!;
    for (const a of ACCOUNTS) {
      const body = fhirServiceBody({ ...a, createdBy: dana.userPrincipalName, createdAt });
      putResource(db, { id: body.id, subscriptionId: a.subscriptionId, resourceGroup: a.resourceGroup, type: body.type, name: a.name, body });
    }
    for (const v of VAULTS) {
      const id = resourceId(v.subscriptionId, v.resourceGroup, 'Microsoft.KeyVault/vaults', v.name);
      const full = { keys: ALL_KEY_PERMISSIONS, secrets: [], certificates: [] };
      const accessPolicies = v.rbac
        ? []
        : [
            { tenantId: TENANT_ID, objectId: dana.objectId, permissions: full },
            { tenantId: TENANT_ID, objectId: DEMO_SERVICE_PRINCIPAL.objectId, permissions: full },
            ...(v.cosmosAccess
              ? [{ tenantId: TENANT_ID, objectId: COSMOS_DB_PRINCIPAL.objectId, permissions: { keys: ['get', 'wrapKey', 'unwrapKey'], secrets: [], certificates: [] } }]
              : []),
          ];
      if (v.rbac) {
        const assign = db.prepare('insert into role_assignments (principal_id, scope, role) values (?, ?, ?)');
        assign.run(dana.objectId, id, 'Key Vault Crypto Officer');
        assign.run(DEMO_SERVICE_PRINCIPAL.objectId, id, 'Key Vault Crypto Officer');
        if (v.cosmosAccess) assign.run(COSMOS_DB_PRINCIPAL.objectId, id, 'Key Vault Crypto Service Encryption User');
      }
      putResource(db, {
        id, subscriptionId: v.subscriptionId, resourceGroup: v.resourceGroup, type: 'Microsoft.KeyVault/vaults', name: v.name,
        body: {
          id, name: v.name, type: 'Microsoft.KeyVault/vaults', location: v.location, tags: {},
          properties: {
            tenantId: TENANT_ID,
            sku: { family: 'A', name: 'standard' },
            accessPolicies,
            enabledForDeployment: false, enabledForDiskEncryption: false, enabledForTemplateDeployment: false,
            enableSoftDelete: v.softDelete,
            softDeleteRetentionInDays: 90,
            ...(v.purgeProtection ? { enablePurgeProtection: true } : {}),
            enableRbacAuthorization: v.rbac === true,
            vaultUri: vaultUri(v.name),
            provisioningState: 'Succeeded',
            publicNetworkAccess: 'Enabled',
          },
        },
      });
    }
    const insertKey = db.prepare(
      `insert into vault_keys (vault, name, version, created, updated, enabled, nbf, exp, kty, size, crv, key_ops, tags, public_jwk, private_pem)
       values (@vault, @name, @version, @created, @created, @enabled, null, @exp, @kty, @size, @crv, @keyOps, '{}', @publicJwk, @privatePem)`,
    );
    for (const row of keyRows) insertKey.run(row);
  });
  write();
}
