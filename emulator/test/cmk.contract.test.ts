import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthcareApisManagementClient } from '@azure/arm-healthcareapis';
import { KeyClient } from '@azure/keyvault-keys';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { emulatorConnection, type EmulatorConnection } from '../node.ts';
import { COSMOS_DB_PRINCIPAL, DEMO_SERVICE_PRINCIPAL, SUBSCRIPTIONS, TENANT_ID } from '../seed/inventory.ts';
import { SQLITE_FILE } from '../src/app.ts';
import { call, startEmulator, type RunningEmulator } from './harness.ts';

const RG = 'contoso-fhir-rg';
const TEXT_4002 = 'The customer-managed key is disabled, or the Key Vault does not grant permission to AAD.';
const TEXT_4003 = 'The customer-managed key is not found.';

let run: RunningEmulator;
let conn: EmulatorConnection;
let arm: HealthcareApisManagementClient;
let mgmt: KeyVaultManagementClient;
let vaultKeys: KeyClient;

beforeAll(async () => {
  // On disk (not in memory), so that the SQLite file can be searched for clear text.
  run = await startEmulator({ inMemory: false, cmkCheckIntervalMs: 200, provisioningDelayMs: 50 });
  conn = emulatorConnection({ port: run.port, ca: run.emulator.tls.ca });
  arm = new HealthcareApisManagementClient(conn.credential, SUBSCRIPTIONS.contoso.id, conn.armOptions);
  mgmt = new KeyVaultManagementClient(conn.credential, SUBSCRIPTIONS.contoso.id, { ...conn.clientOptions, endpoint: conn.origin, credentials: { scopes: ['https://management.azure.com/.default'] } });
  vaultKeys = new KeyClient('https://contoso-cmk-kv.vault.localhost', conn.credential, conn.clientOptions);
});
afterAll(async () => {
  conn?.agent.destroy();
  await run?.stop();
});

/** A CMK account on its own new key, so that each test can disable, delete or rotate it alone. */
async function cmkAccount(name: string, vault = 'contoso-cmk-kv', keys = vaultKeys) {
  await keys.createRsaKey(name, { keySize: 2048 });
  const uri = `https://${vault}.vault.localhost/keys/${name}`;
  await arm.services.beginCreateOrUpdateAndWait(RG, name, { location: 'westus2', kind: 'fhir-R4', properties: { cosmosDbConfiguration: { keyVaultKeyUri: uri } } }, { updateIntervalInMs: 50 });
  return { uri, fhir: conn.fhir(name) };
}

const patient = (family: string) => ({ resourceType: 'Patient', name: [{ family, given: ['Test'] }], gender: 'unknown' });

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The backing database's view of the account's key, as Resource Manager reports it. */
async function keyStatus(name: string): Promise<{ customerManagedKeyStatus?: string; keyVaultKeyUriVersion?: string }> {
  let raw: Record<string, unknown> = {};
  await arm.services.get(RG, name, { onResponse: (r) => { raw = (JSON.parse(r.bodyAsText ?? '{}') as { properties: Record<string, unknown> }).properties; } });
  return raw as { customerManagedKeyStatus?: string; keyVaultKeyUriVersion?: string };
}

describe('FHIR data plane', () => {
  it('serves metadata, and create/read/update/delete/search by _id with FHIR tokens', async () => {
    const { fhir } = await cmkAccount('fhir-crud');
    const meta = await fhir.request('GET', '/metadata');
    expect(meta.body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
    const created = await fhir.request<{ id: string; meta: { versionId: string } }>('POST', '/Patient', patient('Crud'));
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('W/"1"');
    const read = await fhir.request<{ name: { family: string }[] }>('GET', `/Patient/${created.body.id}`);
    expect(read.body.name[0]!.family).toBe('Crud');
    const updated = await fhir.request('PUT', `/Patient/${created.body.id}`, { ...patient('Crud2'), id: created.body.id });
    expect(updated.status).toBe(200);
    expect(updated.headers.etag).toBe('W/"2"');
    const search = await fhir.request<{ resourceType: string; total: number; entry: { resource: { name: { family: string }[] } }[] }>('GET', `/Patient?_id=${created.body.id}`);
    expect(search.body).toMatchObject({ resourceType: 'Bundle', total: 1 });
    expect(search.body.entry[0]!.resource.name[0]!.family).toBe('Crud2');
    const observation = await fhir.request('POST', '/Observation', { resourceType: 'Observation', status: 'final', code: { text: 'Heart rate' }, subject: { reference: `Patient/${created.body.id}` } });
    expect(observation.status).toBe(201);
    expect((await fhir.request('DELETE', `/Patient/${created.body.id}`)).status).toBe(204);
    expect((await fhir.request('GET', `/Patient/${created.body.id}`)).status).toBe(410);
    const unsupported = await fhir.request<{ resourceType: string }>('GET', '/Encounter');
    expect(unsupported.status).toBe(404);
    expect(unsupported.body.resourceType).toBe('OperationOutcome');
  });

  it('is reached from the browser through the same origin: /_fhir/{account host}/…', async () => {
    const token = (await conn.credential.getToken('https://contoso-smk.azurehealthcareapis.localhost/.default'))!.token;
    const res = await call(run, 'GET', '/_fhir/contoso-smk.azurehealthcareapis.localhost/Patient?_count=5', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    const other = await call(run, 'GET', '/_fhir/contoso-cmk.azurehealthcareapis.localhost/Patient', { headers: { authorization: `Bearer ${token}` } });
    expect(other.status).toBe(401);
  });

  it('accepts only tokens for the account (a Resource Manager token gets 401)', async () => {
    const { fhir } = await cmkAccount('fhir-audience');
    void fhir;
    const armToken = (await conn.credential.getToken('https://management.azure.com/.default'))!.token;
    const res = await fetchWith(run, 'fhir-audience', armToken);
    expect(res.status).toBe(401);
  });
});

async function fetchWith(r: RunningEmulator, account: string, token: string) {
  const { request } = await import('node:https');
  return new Promise<{ status: number }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: r.port, servername: `${account}.azurehealthcareapis.localhost`, path: '/Patient', ca: r.emulator.tls.ca,
      headers: { host: `${account}.azurehealthcareapis.localhost`, authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('FHIR data access and search paging', () => {
  it('needs an access policy or a FHIR data role: a Resource Manager Reader gets 403', async () => {
    const { userCredential } = await import('./userCredential.ts');
    const riley = await userCredential(run, 'Riley Reader');
    const token = (await riley.getToken('https://contoso-smk.azurehealthcareapis.localhost/.default'))!.token;
    const res = await call(run, 'GET', '/Patient', { host: 'contoso-smk.azurehealthcareapis.localhost', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
    expect(res.json<{ issue: { code: string; diagnostics: string }[] }>().issue[0]).toMatchObject({ code: 'forbidden', diagnostics: expect.stringContaining('FHIR Data Reader') });
  });

  it('pages a search with _count and a next link, and reports the total', async () => {
    const { fhir } = await cmkAccount('fhir-paging');
    for (let i = 0; i < 5; i++) await fhir.request('POST', '/Patient', patient(`Page${i}`));
    type Bundle = { total: number; entry: { resource: { id: string } }[]; link: { relation: string; url: string }[] };
    const first = await fhir.request<Bundle>('GET', '/Patient?_count=2');
    expect(first.body.total).toBe(5);
    expect(first.body.entry).toHaveLength(2);
    const seen = first.body.entry.map((e) => e.resource.id);
    let next = first.body.link.find((l) => l.relation === 'next')?.url;
    while (next) {
      const page = await fhir.request<Bundle>('GET', new URL(next).pathname + new URL(next).search);
      seen.push(...page.body.entry.map((e) => e.resource.id));
      next = page.body.link.find((l) => l.relation === 'next')?.url;
    }
    expect(new Set(seen).size).toBe(5);
    expect((await fhir.request<Bundle>('GET', '/Patient?_count=-1')).body.entry).toHaveLength(1);
  });
});

describe('envelope encryption', () => {
  it('stores nothing in clear: the SQLite file holds no patient name, for a CMK and an SMK account', async () => {
    const { fhir } = await cmkAccount('clear-text');
    const marker = 'Zebulonquixotewright';
    const created = await fhir.request<{ id: string }>('POST', '/Patient', patient(marker));
    expect(created.status).toBe(201);
    const smk = conn.fhir('contoso-smk');
    const smkMarker = 'Ottolinepemberthy';
    expect((await smk.request('POST', '/Patient', patient(smkMarker))).status).toBe(201);
    // The names do come back through the API (the control)…
    expect(JSON.stringify((await fhir.request('GET', `/Patient/${created.body.id}`)).body)).toContain(marker);
    // …but appear nowhere in the database files.
    run.emulator.db.pragma('wal_checkpoint(FULL)');
    const files = ['', '-wal', '-shm'].map((s) => join(run.dataDir, SQLITE_FILE + s)).filter(existsSync);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(marker)), file).toBe(false);
      expect(bytes.includes(Buffer.from(smkMarker)), file).toBe(false);
    }
  });
});

describe('rotation', () => {
  it('a new key version re-wraps the data key with no failed request, under load', async () => {
    const { fhir } = await cmkAccount('rotate-load');
    const before = await keyStatus('rotate-load');
    expect(before.customerManagedKeyStatus).toBe('Access to the configured customer managed key confirmed.');
    const ids: string[] = [];
    let failures = 0;
    let ops = 0;
    let stop = false;
    const worker = async (n: number) => {
      while (!stop) {
        const w = await fhir.request<{ id: string }>('POST', '/Patient', patient(`Load${n}-${ops}`));
        ops++;
        if (w.status !== 201) failures++;
        else ids.push(w.body.id);
        const r = await fhir.request('GET', `/Patient/${ids[Math.floor(Math.random() * ids.length)]}`);
        ops++;
        if (r.status !== 200) failures++;
      }
    };
    const load = Promise.all([worker(1), worker(2), worker(3), worker(4)]);
    await new Promise((r) => setTimeout(r, 300));
    const rotated = await vaultKeys.rotateKey('rotate-load');
    const after = await waitFor(() => keyStatus('rotate-load'), (s) => s.keyVaultKeyUriVersion === rotated.properties.version);
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await load;
    expect(after.keyVaultKeyUriVersion).toBe(rotated.properties.version);
    expect(before.keyVaultKeyUriVersion).not.toBe(rotated.properties.version);
    expect(ops).toBeGreaterThan(50);
    expect(failures).toBe(0);
    // Everything written before, during and after the rotation reads back.
    for (const id of ids) expect((await fhir.request('GET', `/Patient/${id}`)).status).toBe(200);
  });
});

describe('key changes the backing database refuses', () => {
  it('moving to another key while the current one is unreachable is a 400 with the Cosmos DB text, not a 500', async () => {
    await cmkAccount('change-unreachable');
    const version = (await vaultKeys.getKey('change-unreachable')).properties.version!;
    await vaultKeys.updateKeyProperties('change-unreachable', version, { enabled: false });
    // A restart forgets the cached data key; here the monitor's next pass does the same by revoking.
    await waitFor(() => keyStatus('change-unreachable'), (s) => !!s.customerManagedKeyStatus?.includes('revoked'));
    const current = await arm.services.get(RG, 'change-unreachable');
    await expect(arm.services.beginCreateOrUpdateAndWait(RG, 'change-unreachable', {
      ...current, properties: { ...current.properties, cosmosDbConfiguration: { ...current.properties!.cosmosDbConfiguration, keyVaultKeyUri: 'https://contoso-rbac-kv.vault.localhost/keys/rsa-rbac' } },
    })).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe('revocation and recovery, by cause', () => {
  async function revokedThenRecovered(name: string, revoke: () => Promise<void>, restore: () => Promise<void>, text: string, code: number) {
    const { fhir } = (await cmkAccount(name)) as { fhir: ReturnType<EmulatorConnection['fhir']> };
    const created = await fhir.request<{ id: string }>('POST', '/Patient', patient(`Before${name}`));
    await revoke();
    const refused = await waitFor(() => fhir.request<{ resourceType: string; issue: { severity: string; code: string; diagnostics: string }[] }>('GET', `/Patient/${created.body.id}`), (r) => r.status === 403);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: text }] });
    expect((await keyStatus(name)).customerManagedKeyStatus).toContain(`${code}: ${text}`);
    // While revoked, Resource Manager refuses updates with the Cosmos DB text.
    const current = await arm.services.get(RG, name);
    await expect(arm.services.beginCreateOrUpdateAndWait(RG, name, { ...current, properties: { ...current.properties, cosmosDbConfiguration: { ...current.properties!.cosmosDbConfiguration, offerThroughput: 500 } } }))
      .rejects.toMatchObject({ statusCode: 400, message: 'No Update is allowed on Database Account with Customer Managed Key in Revoked Status' });
    await restore();
    const back = await waitFor(() => fhir.request<{ name: { family: string }[] }>('GET', `/Patient/${created.body.id}`), (r) => r.status === 200);
    expect(back.status).toBe(200);
    expect(back.body.name[0]!.family).toBe(`Before${name}`);
    expect((await keyStatus(name)).customerManagedKeyStatus).toBe('Access to the configured customer managed key confirmed.');
  }

  it('key disabled → 403 (4002), re-enabled → data back', async () => {
    let version = '';
    await revokedThenRecovered('revoke-disable', async () => {
      version = (await vaultKeys.getKey('revoke-disable')).properties.version!;
      await vaultKeys.updateKeyProperties('revoke-disable', version, { enabled: false });
    }, async () => {
      await vaultKeys.updateKeyProperties('revoke-disable', version, { enabled: true });
    }, TEXT_4002, 4002);
  });

  it('key deleted → 403 (4003), recovered → data back', async () => {
    await revokedThenRecovered('revoke-delete', async () => {
      await (await vaultKeys.beginDeleteKey('revoke-delete', { intervalInMs: 10 })).pollUntilDone();
    }, async () => {
      await (await vaultKeys.beginRecoverDeletedKey('revoke-delete', { intervalInMs: 10 })).pollUntilDone();
    }, TEXT_4003, 4003);
  });

  it("Azure Cosmos DB's access removed → 403 (4002), restored → data back; deletion stays allowed", async () => {
    // A vault of its own: removing access there touches no other test's account.
    await mgmt.vaults.createOrUpdate(RG, 'cmk-access-kv', {
      location: 'westus2',
      properties: {
        tenantId: TENANT_ID, sku: { family: 'A', name: 'standard' }, enablePurgeProtection: true,
        accessPolicies: [
          { tenantId: TENANT_ID, objectId: DEMO_SERVICE_PRINCIPAL.objectId, permissions: { keys: ['all'] } },
          { tenantId: TENANT_ID, objectId: COSMOS_DB_PRINCIPAL.objectId, permissions: { keys: ['get', 'wrapKey', 'unwrapKey'] } },
        ],
      },
    });
    const keys = new KeyClient('https://cmk-access-kv.vault.localhost', conn.credential, conn.clientOptions);
    const cosmosPolicy = { properties: { accessPolicies: [{ tenantId: TENANT_ID, objectId: COSMOS_DB_PRINCIPAL.objectId, permissions: { keys: ['get', 'wrapKey', 'unwrapKey'] } }] } };
    const { fhir } = await cmkAccount('revoke-access', 'cmk-access-kv', keys);
    const created = await fhir.request<{ id: string }>('POST', '/Patient', patient('Access'));
    await mgmt.vaults.updateAccessPolicy(RG, 'cmk-access-kv', 'remove', cosmosPolicy);
    const refused = await waitFor(() => fhir.request<{ issue: { diagnostics: string }[] }>('GET', `/Patient/${created.body.id}`), (r) => r.status === 403);
    expect(refused.body.issue[0]!.diagnostics).toBe(TEXT_4002);
    await mgmt.vaults.updateAccessPolicy(RG, 'cmk-access-kv', 'add', cosmosPolicy);
    const back = await waitFor(() => fhir.request('GET', `/Patient/${created.body.id}`), (r) => r.status === 200);
    expect(back.status).toBe(200);
    // Deleting a revoked account is allowed.
    await mgmt.vaults.updateAccessPolicy(RG, 'cmk-access-kv', 'remove', cosmosPolicy);
    await waitFor(() => fhir.request('GET', `/Patient/${created.body.id}`), (r) => r.status === 403);
    await arm.services.beginDeleteAndWait(RG, 'revoke-access', { updateIntervalInMs: 50 });
    await expect(arm.services.get(RG, 'revoke-access')).rejects.toMatchObject({ statusCode: 404 });
  });
});
