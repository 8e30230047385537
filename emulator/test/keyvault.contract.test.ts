import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CryptographyClient, KeyClient } from '@azure/keyvault-keys';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { emulatorConnection, type EmulatorConnection } from '../node.ts';
import { SUBSCRIPTIONS, TENANT_ID } from '../seed/inventory.ts';
import { call, refusal, startEmulator, type RunningEmulator } from './harness.ts';
import { staticCredential, userCredential } from './userCredential.ts';

let run: RunningEmulator;
let conn: EmulatorConnection;
const vaultUrl = (vault: string) => `https://${vault}.vault.localhost`;
let cmkVault: KeyClient;

beforeAll(async () => {
  run = await startEmulator();
  conn = emulatorConnection({ port: run.port, ca: run.emulator.tls.ca });
  cmkVault = new KeyClient(vaultUrl('contoso-cmk-kv'), conn.credential, conn.clientOptions);
});
afterAll(async () => {
  conn?.agent.destroy();
  await run?.stop();
});


describe('Key Vault data plane with KeyClient', () => {
  it('answers an unauthenticated request with the 401 challenge before anything else', async () => {
    const res = await call(run, 'GET', '/keys?api-version=7.6', { host: 'contoso-cmk-kv.vault.localhost' });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(`Bearer authorization="https://localhost:${run.port}/${TENANT_ID}", resource="https://vault.localhost"`);
    expect(res.json()).toEqual({ error: { code: 'Unauthorized', message: 'Request is missing a Bearer or PoP token.' } });
  });

  it('lists the seed keys with their identifiers in the real form', async () => {
    const keys = [];
    for await (const k of cmkVault.listPropertiesOfKeys()) keys.push(k);
    expect(keys.map((k) => k.name).sort()).toEqual(['ec-key', 'expired-rsa', 'fhir-cmk', 'old-rsa']);
    expect(keys.find((k) => k.name === 'fhir-cmk')?.id).toBe('https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk');
    expect(keys.find((k) => k.name === 'old-rsa')?.enabled).toBe(false);
    expect(keys.find((k) => k.name === 'expired-rsa')?.expiresOn!.getTime()).toBeLessThan(Date.now());
  });

  it('gets the latest version and every version of fhir-cmk', async () => {
    const latest = await cmkVault.getKey('fhir-cmk');
    expect(latest.keyType).toBe('RSA');
    expect(Buffer.from(latest.key!.n!).length * 8).toBe(3072);
    const versions = [];
    for await (const v of cmkVault.listPropertiesOfKeyVersions('fhir-cmk')) versions.push(v);
    expect(versions).toHaveLength(3);
    expect(versions.map((v) => v.version)).toContain(latest.properties.version);
    const older = versions.find((v) => v.version !== latest.properties.version)!;
    expect((await cmkVault.getKey('fhir-cmk', { version: older.version })).properties.version).toBe(older.version);
  });

  it('pages a vault of 60 keys, at most 25 per page', async () => {
    const mgmt = new KeyVaultManagementClient(conn.credential, SUBSCRIPTIONS.fabrikam.id, { ...conn.clientOptions, endpoint: conn.origin, credentials: { scopes: ['https://management.azure.com/.default'] } });
    await mgmt.vaults.createOrUpdate('fabrikam-rg', 'paging-kv', {
      location: 'eastus',
      properties: {
        tenantId: TENANT_ID, sku: { family: 'A', name: 'standard' }, enablePurgeProtection: true,
        accessPolicies: [{ tenantId: TENANT_ID, objectId: '0a7e3c91-6d2b-4f84-b1e5-93c8d2a6f015', permissions: { keys: ['all'] } }],
      },
    });
    const client = new KeyClient(vaultUrl('paging-kv'), conn.credential, conn.clientOptions);
    await Promise.all(Array.from({ length: 60 }, (_, i) => client.createEcKey(`key-${String(i).padStart(2, '0')}`)));
    const pages = [];
    for await (const p of client.listPropertiesOfKeys().byPage({ maxPageSize: 25 })) pages.push(p.map((k) => k.name));
    expect(pages.map((p) => p.length)).toEqual([25, 25, 10]);
    expect(new Set(pages.flat()).size).toBe(60);
  });

  it('creates, rotates, disables and deletes (soft) then recovers a key', async () => {
    const created = await cmkVault.createRsaKey('contract-rsa', { keySize: 3072 });
    expect(created.id).toMatch(/^https:\/\/contoso-cmk-kv\.vault\.localhost\/keys\/contract-rsa\/[0-9a-f]{32}$/);
    const rotated = await cmkVault.rotateKey('contract-rsa');
    expect(rotated.properties.version).not.toBe(created.properties.version);
    expect((await cmkVault.getKey('contract-rsa')).properties.version).toBe(rotated.properties.version);

    const disabled = await cmkVault.updateKeyProperties('contract-rsa', rotated.properties.version!, { enabled: false });
    expect(disabled.properties.enabled).toBe(false);
    expect((await cmkVault.getKey('contract-rsa')).properties.enabled).toBe(false);

    const poller = await cmkVault.beginDeleteKey('contract-rsa', { intervalInMs: 10 });
    const deleted = await poller.pollUntilDone();
    expect(deleted.properties.recoveryId).toBe('https://contoso-cmk-kv.vault.localhost/deletedkeys/contract-rsa');
    expect(await refusal(cmkVault.getKey('contract-rsa'))).toMatchObject({ statusCode: 404, code: 'KeyNotFound' });
    expect(await refusal(cmkVault.createRsaKey('contract-rsa'))).toMatchObject({ statusCode: 409, code: 'Conflict' });
    expect(await refusal(cmkVault.purgeDeletedKey('contract-rsa'))).toMatchObject({ statusCode: 403 });

    const recovered = await (await cmkVault.beginRecoverDeletedKey('contract-rsa', { intervalInMs: 10 })).pollUntilDone();
    expect(recovered.properties.version).toBe(rotated.properties.version);
  });

  it('wraps and unwraps with CryptographyClient (RSA-OAEP and RSA-OAEP-256)', async () => {
    const key = await cmkVault.getKey('fhir-cmk');
    const crypto = new CryptographyClient(key.id!, conn.credential, conn.clientOptions);
    for (const algorithm of ['RSA-OAEP', 'RSA-OAEP-256'] as const) {
      const dataKey = randomBytes(32);
      const wrapped = await crypto.wrapKey(algorithm, dataKey);
      expect(Buffer.from(wrapped.result).equals(dataKey)).toBe(false);
      const unwrapped = await crypto.unwrapKey(algorithm, wrapped.result);
      expect(Buffer.from(unwrapped.result).equals(dataKey)).toBe(true);
    }
  });

  it('refuses to unwrap with a disabled key (403 KeyDisabled)', async () => {
    const key = await cmkVault.getKey('old-rsa');
    const crypto = new CryptographyClient(key.id!, conn.credential, conn.clientOptions);
    const e = await refusal(crypto.unwrapKey('RSA-OAEP-256', randomBytes(384)));
    expect(e).toMatchObject({ statusCode: 403 });
    expect(e.message).toBe('Operation unwrapKey is not allowed on a disabled key.');
  });

  it('404 KeyNotFound for a missing key', async () => {
    const e = await refusal(cmkVault.getKey('no-such-key'));
    expect(e).toMatchObject({ statusCode: 404, code: 'KeyNotFound' });
  });

  it('403 with the access-policy text for a user without List or Get', async () => {
    const credential = await userCredential(run, 'Riley Reader');
    const riley = new KeyClient(vaultUrl('contoso-cmk-kv'), credential, conn.clientOptions);
    const listing = await refusal((async () => {
      for await (const k of riley.listPropertiesOfKeys()) void k;
    })());
    // The SDK's pager keeps the status and code; the wire carries Key Vault's words, checked below.
    expect(listing).toMatchObject({ statusCode: 403, code: 'Forbidden' });
    const token = (await credential.getToken('https://vault.localhost/.default'))!.token;
    const wire = await call(run, 'GET', '/keys?api-version=7.6', { host: 'contoso-cmk-kv.vault.localhost', headers: { authorization: `Bearer ${token}` } });
    expect(wire.json()).toEqual({ error: { code: 'Forbidden', message: 'The operation "List" is not enabled in this key vault\'s access policy.', innererror: { code: 'AccessDenied' } } });
    const get = await refusal(riley.getKey('fhir-cmk'));
    expect(get).toMatchObject({ statusCode: 403, code: 'Forbidden', message: 'The operation "Get" is not enabled in this key vault\'s access policy.' });
  });

  it('403 ForbiddenByRbac in an RBAC-mode vault without a role; allowed with one', async () => {
    const riley = new KeyClient(vaultUrl('contoso-rbac-kv'), await userCredential(run, 'Riley Reader'), conn.clientOptions);
    const e = await refusal(riley.getKey('rsa-rbac'));
    expect(e).toMatchObject({ statusCode: 403 });
    expect(e.message).toContain("Action: 'Microsoft.KeyVault/vaults/keys/read'");
    const dana = new KeyClient(vaultUrl('contoso-rbac-kv'), await userCredential(run, 'Dana Operator'), conn.clientOptions);
    expect((await dana.getKey('rsa-rbac')).name).toBe('rsa-rbac');
  });

  it('401 for a Resource Manager token (audiences are per surface)', async () => {
    const armToken = (await conn.credential.getToken('https://management.azure.com/.default'))!.token;
    const client = new KeyClient(vaultUrl('contoso-cmk-kv'), staticCredential(armToken), conn.clientOptions);
    expect(await refusal(client.getKey('fhir-cmk'))).toMatchObject({ statusCode: 401 });
  });

  it('bad input: invalid name, unsupported size, maxresults out of range, unknown api-version', async () => {
    expect(await refusal(cmkVault.createRsaKey('bad_name'))).toMatchObject({ statusCode: 400, code: 'BadParameter' });
    expect(await refusal(cmkVault.createRsaKey('odd-size', { keySize: 1024 }))).toMatchObject({ statusCode: 400, code: 'BadParameter' });
    const token = (await conn.credential.getToken('https://vault.localhost/.default'))!.token;
    const auth = { authorization: `Bearer ${token}` };
    const big = await call(run, 'GET', '/keys?api-version=7.6&maxresults=26', { host: 'contoso-cmk-kv.vault.localhost', headers: auth });
    expect(big.status).toBe(400);
    const version = await call(run, 'GET', '/keys?api-version=1.0', { host: 'contoso-cmk-kv.vault.localhost', headers: auth });
    expect(version.json<{ error: { code: string } }>().error.code).toBe('BadParameter');
    const json = await call(run, 'POST', '/keys/x/create?api-version=7.6', { host: 'contoso-cmk-kv.vault.localhost', headers: { ...auth, 'content-type': 'application/json' }, body: '{nope' });
    expect(json.status).toBe(400);
    const encoding = await call(run, 'GET', '/keys/%E0%A4%A?api-version=7.6', { host: 'contoso-cmk-kv.vault.localhost', headers: auth });
    expect(encoding.status).toBe(400);
    expect(encoding.json<{ error: { code: string } }>().error.code).toBe('BadParameter');
  });
});

describe('Resource Manager for vaults (KeyVaultManagementClient)', () => {
  let mgmt: KeyVaultManagementClient;
  beforeAll(() => {
    mgmt = new KeyVaultManagementClient(conn.credential, SUBSCRIPTIONS.contoso.id, { ...conn.clientOptions, endpoint: conn.origin, credentials: { scopes: ['https://management.azure.com/.default'] } });
  });

  it('lists vaults by subscription and resource group, and gets one', async () => {
    const names = [];
    for await (const v of mgmt.vaults.listBySubscription()) names.push(v.name);
    expect(names.sort()).toEqual(['contoso-cmk-kv', 'contoso-legacy-kv', 'contoso-noaccess-kv', 'contoso-nopurge-kv', 'contoso-rbac-kv']);
    const inRg = [];
    for await (const v of mgmt.vaults.listByResourceGroup('contoso-fhir-rg')) inRg.push(v.name);
    expect(inRg).toHaveLength(5);
    const vault = await mgmt.vaults.get('contoso-fhir-rg', 'contoso-cmk-kv');
    expect(vault.properties).toMatchObject({ enableSoftDelete: true, enablePurgeProtection: true, vaultUri: 'https://contoso-cmk-kv.vault.localhost/' });
  });

  it('turns purge protection on, and refuses to turn it off', async () => {
    const before = await mgmt.vaults.get('contoso-fhir-rg', 'contoso-nopurge-kv');
    expect(before.properties.enablePurgeProtection).toBeUndefined();
    const on = await mgmt.vaults.update('contoso-fhir-rg', 'contoso-nopurge-kv', { properties: { enablePurgeProtection: true } });
    expect(on.properties?.enablePurgeProtection).toBe(true);
    const e = await refusal(mgmt.vaults.update('contoso-fhir-rg', 'contoso-nopurge-kv', { properties: { enablePurgeProtection: false } }));
    expect(e).toMatchObject({ statusCode: 400 });
    expect(e.message).toContain('Enabling the purge protection for a vault is an irreversible action.');
  });

  it('lists keys and versions on the management plane', async () => {
    const keys = [];
    for await (const k of mgmt.keys.list('contoso-fhir-rg', 'contoso-cmk-kv')) keys.push(k.name);
    expect(keys).toEqual(expect.arrayContaining(['ec-key', 'expired-rsa', 'fhir-cmk', 'old-rsa']));
    const key = await mgmt.keys.get('contoso-fhir-rg', 'contoso-cmk-kv', 'fhir-cmk');
    expect(key).toMatchObject({ kty: 'RSA', keySize: 3072, keyUri: 'https://contoso-cmk-kv.vault.localhost:443/keys/fhir-cmk' });
    const versions = [];
    for await (const v of mgmt.keys.listVersions('contoso-fhir-rg', 'contoso-cmk-kv', 'fhir-cmk')) versions.push(v);
    expect(versions).toHaveLength(3);
  });

  it('matches access policy object IDs whatever their case', async () => {
    await mgmt.vaults.updateAccessPolicy('contoso-fhir-rg', 'contoso-noaccess-kv', 'add', {
      properties: { accessPolicies: [{ tenantId: TENANT_ID.toUpperCase(), objectId: 'B7E1D4A9-5C2F-4A63-8E0B-6F9D3C1A7E25', permissions: { keys: ['get'] } }] },
    });
    const riley = new KeyClient(vaultUrl('contoso-noaccess-kv'), await userCredential(run, 'Riley Reader'), conn.clientOptions);
    expect((await riley.getKey('rsa-b')).name).toBe('rsa-b');
  });

  it('refuses a vault name already in use elsewhere, and a Reader', async () => {
    const e = await refusal(mgmt.vaults.createOrUpdate('contoso-fhir-rg', 'fabrikam-kv', { location: 'westus2', properties: { tenantId: TENANT_ID, sku: { family: 'A', name: 'standard' } } }));
    expect(e).toMatchObject({ statusCode: 409, code: 'VaultAlreadyExists' });
    const riley = new KeyVaultManagementClient(await userCredential(run, 'Riley Reader'), SUBSCRIPTIONS.contoso.id, { ...conn.clientOptions, endpoint: conn.origin, credentials: { scopes: ['https://management.azure.com/.default'] } });
    const denied = await refusal(riley.vaults.updateAccessPolicy('contoso-fhir-rg', 'contoso-cmk-kv', 'add', {
      properties: { accessPolicies: [{ tenantId: TENANT_ID, objectId: 'b7e1d4a9-5c2f-4a63-8e0b-6f9d3c1a7e25', permissions: { keys: ['list'] } }] },
    }));
    expect(denied).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
  });
});
