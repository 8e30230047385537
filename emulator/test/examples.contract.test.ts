import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorConnection, type EmulatorConnection } from '../node.ts';
import { SUBSCRIPTIONS, TENANT_ID } from '../seed/inventory.ts';
import { call, startEmulator, type RunningEmulator } from './harness.ts';

/**
 * Replays the requests of the official REST examples (copied verbatim into ./azure-specs) against
 * the emulator, with the example's names swapped for the demo inventory's, and checks that each
 * answer has the example's shape: every field of the example's response is there, with the same
 * JSON type. Fields the emulator does not model are listed per example, with the reason.
 */

interface Example {
  parameters: Record<string, unknown>;
  responses: Record<string, { body?: unknown; headers?: Record<string, string> }>;
}

const load = (file: string) => JSON.parse(readFileSync(join(import.meta.dirname, 'azure-specs', file), 'utf8')) as Example;

/** Paths (a.b[].c) of the example that are missing from the answer or have another JSON type. */
export function shapeDifferences(example: unknown, actual: unknown, ignore: readonly string[], path = ''): string[] {
  if (ignore.includes(path)) return [];
  if (example === null || example === undefined) return [];
  if (Array.isArray(example)) {
    if (!Array.isArray(actual)) return [`${path} (expected an array)`];
    if (!example.length || !actual.length) return [];
    return shapeDifferences(example[0], actual[0], ignore, `${path}[]`);
  }
  if (typeof example === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [`${path} (expected an object)`];
    // Tags are a free map: only their being an object is the shape.
    if (path === 'tags' || path.endsWith('.tags') || path.endsWith('[].tags')) return [];
    return Object.entries(example).flatMap(([k, v]) =>
      shapeDifferences(v, (actual as Record<string, unknown>)[k], ignore, path ? `${path}.${k}` : k),
    );
  }
  if (actual === undefined) return [`${path} (missing)`];
  return typeof actual === typeof example ? [] : [`${path} (expected ${typeof example}, got ${typeof actual})`];
}

let run: RunningEmulator;
let conn: EmulatorConnection;
const SUB = SUBSCRIPTIONS.contoso.id;
const RG = 'contoso-fhir-rg';
const svcPath = (name: string) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.HealthcareApis/services/${name}`;
const vaultPath = (name: string) => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.KeyVault/vaults/${name}`;

beforeAll(async () => {
  run = await startEmulator();
  conn = emulatorConnection({ port: run.port, ca: run.emulator.tls.ca });
});
afterAll(async () => {
  conn?.agent.destroy();
  await run?.stop();
});

async function armCall(method: string, path: string, body?: unknown) {
  const token = (await conn.credential.getToken('https://management.azure.com/.default'))!.token;
  return call(run, method, path, {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function vaultCall(vault: string, method: string, path: string, body?: unknown) {
  const token = (await conn.credential.getToken('https://vault.localhost/.default'))!.token;
  return call(run, method, path, {
    host: `${vault}.vault.localhost`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function expectShape(file: string, res: { status: number; text: string }, ignore: readonly string[] = []) {
  const example = load(file);
  expect(Object.keys(example.responses), `status of ${file}: ${res.text}`).toContain(String(res.status));
  const expected = example.responses[String(res.status)]?.body;
  if (expected === undefined) return;
  const differences = shapeDifferences(expected, JSON.parse(res.text), ignore);
  expect(differences, file).toEqual([]);
}

/** The example's service body with the emulator's names: a key in the demo vault, the demo tenant. */
function serviceBody(file: string) {
  const body = structuredClone(load(file).parameters.serviceDescription) as Record<string, Record<string, unknown>>;
  const cosmos = body.properties?.cosmosDbConfiguration as Record<string, unknown> | undefined;
  if (cosmos?.keyVaultKeyUri) cosmos.keyVaultKeyUri = 'https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk';
  if (cosmos?.crossTenantCmkApplicationId !== undefined) cosmos.crossTenantCmkApplicationId = '8b6f8f5f-9c17-4a5e-8f2f-1d7e1a7b8c9d';
  return body;
}

const NOT_MODELLED_SERVICE = [
  // The emulator has no managed identity, private endpoints or export storage.
  'identity.principalId', 'identity.tenantId', 'properties.exportConfiguration.storageAccountName',
  // No CORS rules are configured on the demo accounts, so no max age is set.
  'properties.corsConfiguration.maxAge',
];

describe('Microsoft.HealthcareApis examples', () => {
  it('ServiceCreate (PUT 201, then 200 on update)', async () => {
    const body = serviceBody('healthcareapis-2024-03-31/legacy/ServiceCreate.json');
    await expectShape('healthcareapis-2024-03-31/legacy/ServiceCreate.json', await armCall('PUT', `${svcPath('example-create')}?api-version=2024-03-31`, body), NOT_MODELLED_SERVICE);
  });

  it('ServiceCreateMinimum', async () => {
    const res = await armCall('PUT', `${svcPath('example-minimum')}?api-version=2024-03-31`, serviceBody('healthcareapis-2024-03-31/legacy/ServiceCreateMinimum.json'));
    await expectShape('healthcareapis-2024-03-31/legacy/ServiceCreateMinimum.json', res, NOT_MODELLED_SERVICE);
  });

  it('ServiceCreateInDataSovereignRegionWithCmkEnabled', async () => {
    const body = serviceBody('healthcareapis-2024-03-31/legacy/ServiceCreateInDataSovereignRegionWithCmkEnabled.json');
    const res = await armCall('PUT', `${svcPath('example-sovereign')}?api-version=2024-03-31`, body);
    await expectShape('healthcareapis-2024-03-31/legacy/ServiceCreateInDataSovereignRegionWithCmkEnabled.json', res, NOT_MODELLED_SERVICE);
    expect(JSON.parse(res.text).properties.cosmosDbConfiguration.crossTenantCmkApplicationId).toBe('8b6f8f5f-9c17-4a5e-8f2f-1d7e1a7b8c9d');
  });

  it('ServiceGet', async () => {
    await expectShape('healthcareapis-2024-03-31/legacy/ServiceGet.json', await armCall('GET', `${svcPath('contoso-cmk')}?api-version=2024-03-31`), NOT_MODELLED_SERVICE);
  });

  it('ServiceList and ServiceListByResourceGroup', async () => {
    // The first account listed uses a service-managed key, so it has no keyVaultKeyUri.
    const LIST_IGNORE = ['nextLink', 'value[].properties.cosmosDbConfiguration.keyVaultKeyUri', ...NOT_MODELLED_SERVICE.map((p) => `value[].${p}`)];
    // nextLink appears only when there is another page.
    await expectShape('healthcareapis-2024-03-31/legacy/ServiceList.json', await armCall('GET', `/subscriptions/${SUB}/providers/Microsoft.HealthcareApis/services?api-version=2024-03-31`), LIST_IGNORE);
    await expectShape('healthcareapis-2024-03-31/legacy/ServiceListByResourceGroup.json',
      await armCall('GET', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.HealthcareApis/services?api-version=2024-03-31`), LIST_IGNORE);
  });

  it('ServicePatch', async () => {
    const body = load('healthcareapis-2024-03-31/legacy/ServicePatch.json').parameters.servicePatchDescription;
    // contoso-smk uses a service-managed key: it has no keyVaultKeyUri.
    await expectShape('healthcareapis-2024-03-31/legacy/ServicePatch.json', await armCall('PATCH', `${svcPath('contoso-smk')}?api-version=2024-03-31`, body),
      [...NOT_MODELLED_SERVICE, 'properties.cosmosDbConfiguration.keyVaultKeyUri']);
  });

  it('CheckNameAvailabilityPost', async () => {
    const inputs = { ...(load('healthcareapis-2024-03-31/CheckNameAvailabilityPost.json').parameters.checkNameAvailabilityInputs as object), name: 'contoso-cmk' };
    const res = await armCall('POST', `/subscriptions/${SUB}/providers/Microsoft.HealthcareApis/checkNameAvailability?api-version=2024-03-31`, inputs);
    await expectShape('healthcareapis-2024-03-31/CheckNameAvailabilityPost.json', res);
    expect(JSON.parse(res.text)).toEqual(load('healthcareapis-2024-03-31/CheckNameAvailabilityPost.json').responses['200']!.body);
  });

  it('OperationResultsGet (the operation of a create)', async () => {
    const created = await armCall('PUT', `${svcPath('example-operation')}?api-version=2024-03-31`, { location: 'westus2', kind: 'fhir-R4' });
    const operation = new URL(String(created.headers['azure-asyncoperation']));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const res = await armCall('GET', `${operation.pathname}${operation.search}`);
    // endTime is there once the operation has ended, as in the example.
    await expectShape('healthcareapis-2024-03-31/OperationResultsGet.json', res);
    expect(JSON.parse(res.text).status).toBe('Succeeded');
  });

  it('ServiceDelete (202, then 204)', async () => {
    await expectShape('healthcareapis-2024-03-31/legacy/ServiceDelete.json', await armCall('DELETE', `${svcPath('example-minimum')}?api-version=2024-03-31`));
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expectShape('healthcareapis-2024-03-31/legacy/ServiceDelete.json', await armCall('DELETE', `${svcPath('example-minimum')}?api-version=2024-03-31`));
  });
});

describe('Microsoft.Resources example', () => {
  it('GetSubscriptions', async () => {
    // The emulator's subscriptions have no tags and are managed by no other tenant; it pages no further.
    await expectShape('arm-subscriptions-2022-12-01/GetSubscriptions.json', await armCall('GET', '/subscriptions?api-version=2022-12-01'), ['nextLink', 'value[].managedByTenants[].tenantId']);
  });
});

const NOT_MODELLED_VAULT = [
  // No managed-HSM pools, private endpoints, network rules or secrets/certificates in the emulator.
  'properties.hsmPoolResourceId', 'properties.privateEndpointConnections', 'properties.networkAcls', 'properties.enableSoftDelete',
  'properties.softDeleteRetentionInDays', 'properties.enablePurgeProtection', 'properties.enableRbacAuthorization', 'systemData',
];

describe('Microsoft.KeyVault examples', () => {
  it('createVault', async () => {
    const params = structuredClone(load('keyvault-mgmt-2026-02-01/createVault.json').parameters.parameters) as { properties: Record<string, unknown> };
    params.properties.tenantId = TENANT_ID;
    (params.properties.accessPolicies as { tenantId: string }[]).forEach((p) => (p.tenantId = TENANT_ID));
    const res = await armCall('PUT', `${vaultPath('example-vault')}?api-version=2026-02-01`, params);
    await expectShape('keyvault-mgmt-2026-02-01/createVault.json', res, NOT_MODELLED_VAULT);
  });

  it('getVault, listVaultBySubscription, listVaultByResourceGroup', async () => {
    await expectShape('keyvault-mgmt-2026-02-01/getVault.json', await armCall('GET', `${vaultPath('contoso-cmk-kv')}?api-version=2026-02-01`), NOT_MODELLED_VAULT);
    const list = ['nextLink', ...NOT_MODELLED_VAULT.map((p) => `value[].${p}`)];
    await expectShape('keyvault-mgmt-2026-02-01/listVaultBySubscription.json', await armCall('GET', `/subscriptions/${SUB}/providers/Microsoft.KeyVault/vaults?$top=1&api-version=2026-02-01`), list);
    await expectShape('keyvault-mgmt-2026-02-01/listVaultByResourceGroup.json',
      await armCall('GET', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.KeyVault/vaults?$top=1&api-version=2026-02-01`), list);
  });

  it('getKey, listKeys, listKeyVersions (management plane)', async () => {
    await expectShape('keyvault-mgmt-2026-02-01/getKey.json', await armCall('GET', `${vaultPath('contoso-cmk-kv')}/keys/fhir-cmk?api-version=2026-02-01`));
    await expectShape('keyvault-mgmt-2025-05-01-fallback/listKeys.json', await armCall('GET', `${vaultPath('contoso-cmk-kv')}/keys?api-version=2025-05-01`), ['nextLink']);
    await expectShape('keyvault-mgmt-2026-02-01/listKeyVersions.json', await armCall('GET', `${vaultPath('contoso-cmk-kv')}/keys/fhir-cmk/versions?api-version=2026-02-01`), ['nextLink']);
  });
});

describe('Key Vault keys data-plane examples', () => {
  const V = 'contoso-nopurge-kv';
  const dp = (file: string) => `keyvault-dataplane-keys-2026-04-01/${file}`;
  const params = (file: string) => load(dp(file)).parameters.parameters;

  it('CreateKey, GetKey, UpdateKey, RotateKey', async () => {
    const created = await vaultCall(V, 'POST', '/keys/example-key/create?api-version=2026-04-01', params('CreateKey-example.json'));
    await expectShape(dp('CreateKey-example.json'), created);
    const version = String(JSON.parse(created.text).key.kid).split('/').pop();
    await expectShape(dp('GetKey-example.json'), await vaultCall(V, 'GET', `/keys/example-key/${version}?api-version=2026-04-01`));
    await expectShape(dp('UpdateKey-example.json'), await vaultCall(V, 'PATCH', `/keys/example-key/${version}?api-version=2026-04-01`, params('UpdateKey-example.json')));
    // The example asks to rotate 'Key01' but answers for another key (a known quirk): the shape is what counts.
    await expectShape(dp('RotateKey-example.json'), await vaultCall(V, 'POST', '/keys/example-key/rotate?api-version=2026-04-01'));
  });

  it('GetKeys, GetKeyVersions (maxresults 1, with a nextLink)', async () => {
    const keys = await vaultCall(V, 'GET', '/keys?api-version=2026-04-01&maxresults=1');
    await expectShape(dp('GetKeys-example.json'), keys);
    const next = new URL(JSON.parse(keys.text).nextLink as string);
    expect(next.hostname).toBe(`${V}.vault.localhost`);
    await expectShape(dp('GetKeys-example.json'), await vaultCall(V, 'GET', `${next.pathname}${next.search}`), ['nextLink']);
    await expectShape(dp('GetKeyVersions-example.json'), await vaultCall(V, 'GET', '/keys/example-key/versions?api-version=2026-04-01&maxresults=1'));
  });

  it('wrapKey and unwrapKey', async () => {
    const key = JSON.parse((await vaultCall(V, 'POST', '/keys/example-wrap/create?api-version=2026-04-01', { kty: 'RSA', key_size: 2048 })).text) as { key: { kid: string } };
    const version = key.key.kid.split('/').pop();
    const wrapped = await vaultCall(V, 'POST', `/keys/example-wrap/${version}/wrapkey?api-version=2026-04-01`, params('wrapKey-example.json'));
    await expectShape(dp('wrapKey-example.json'), wrapped);
    const unwrapped = await vaultCall(V, 'POST', `/keys/example-wrap/${version}/unwrapkey?api-version=2026-04-01`, { alg: 'RSA-OAEP-256', value: JSON.parse(wrapped.text).value });
    await expectShape(dp('unwrapKey-example.json'), unwrapped);
    expect(JSON.parse(unwrapped.text).value).toBe((params('wrapKey-example.json') as { value: string }).value);
  });

  it('DeleteKey, GetDeletedKey, GetDeletedKeys, RecoverDeletedKey, PurgeDeletedKey', async () => {
    await expectShape(dp('DeleteKey-example.json'), await vaultCall(V, 'DELETE', '/keys/example-key?api-version=2026-04-01'));
    await expectShape(dp('GetDeletedKey-example.json'), await vaultCall(V, 'GET', '/deletedkeys/example-key?api-version=2026-04-01'));
    await expectShape(dp('GetDeletedKeys-example.json'), await vaultCall(V, 'GET', '/deletedkeys?api-version=2026-04-01&maxresults=1'), ['nextLink']);
    await expectShape(dp('RecoverDeletedKey-example.json'), await vaultCall(V, 'POST', '/deletedkeys/example-key/recover?api-version=2026-04-01'));
    await vaultCall(V, 'DELETE', '/keys/example-key?api-version=2026-04-01');
    await expectShape(dp('PurgeDeletedKey-example.json'), await vaultCall(V, 'DELETE', '/deletedkeys/example-key?api-version=2026-04-01'));
  });
});

