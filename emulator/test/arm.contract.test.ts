import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthcareApisManagementClient, type ServicesDescription } from '@azure/arm-healthcareapis';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ResourceManagementClient } from '@azure/arm-resources';
import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { emulatorConnection, type EmulatorConnection } from '../node.ts';
import { SUBSCRIPTIONS } from '../seed/inventory.ts';
import { call, refusal, startEmulator, type RunningEmulator } from './harness.ts';
import { staticCredential, userCredential } from './userCredential.ts';

const CONTOSO = SUBSCRIPTIONS.contoso.id;
const RG = 'contoso-fhir-rg';
const kv = (vault: string, key: string) => `https://${vault}.vault.localhost/keys/${key}`;

let run: RunningEmulator;
let conn: EmulatorConnection;
let fhir: HealthcareApisManagementClient;

beforeAll(async () => {
  run = await startEmulator();
  conn = emulatorConnection({ port: run.port, ca: run.emulator.tls.ca });
  fhir = new HealthcareApisManagementClient(conn.credential, CONTOSO, conn.armOptions);
});
afterAll(async () => {
  conn?.agent.destroy();
  await run?.stop();
});

const service = (o: { keyVaultKeyUri?: string; offerThroughput?: number; location?: string } = {}): ServicesDescription => ({
  location: o.location ?? 'westus2',
  kind: 'fhir-R4',
  properties: {
    cosmosDbConfiguration: { offerThroughput: o.offerThroughput ?? 400, ...(o.keyVaultKeyUri ? { keyVaultKeyUri: o.keyVaultKeyUri } : {}) },
  },
});


describe('Entra ID: client credentials', () => {
  it('gives ClientSecretCredential a token for Resource Manager', async () => {
    const token = await conn.credential.getToken('https://management.azure.com/.default');
    const claims = JSON.parse(Buffer.from(token!.token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ aud: 'https://management.azure.com', idtyp: 'app' });
  });

  it('refuses a wrong secret', async () => {
    const { ClientSecretCredential } = await import('@azure/identity');
    const wrong = new ClientSecretCredential(conn.credential['tenantId' as never] ?? '8d2c5b1e-6f4a-4b7e-9c3d-2a1f0e9b7c64', 'd4b8e2f1-7a3c-4e59-9b06-8c1f5a2e3d47', 'not-the-secret', {
      authorityHost: conn.origin, disableInstanceDiscovery: true, additionalPolicies: conn.clientOptions.additionalPolicies,
    });
    const e = await refusal(wrong.getToken('https://management.azure.com/.default'));
    expect(e.message).toContain('AADSTS7000215');
  });

  it('a Key Vault token is refused by Resource Manager (audiences are per surface)', async () => {
    const vaultToken = await conn.credential.getToken('https://vault.localhost/.default');
    const client = new HealthcareApisManagementClient(staticCredential(vaultToken!.token), CONTOSO, conn.armOptions);
    const e = await refusal(client.services.get(RG, 'contoso-smk'));
    expect(e).toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationTokenAudience' });
  });
});

describe('Resource Manager: subscriptions and resource groups', () => {
  it('lists and gets subscriptions', async () => {
    const subs = new SubscriptionClient(conn.credential, conn.armOptions);
    const names = [];
    for await (const s of subs.subscriptions.list()) names.push(s.displayName);
    expect(names.sort()).toEqual(['Contoso Health (emulated)', 'Fabrikam Research (emulated)']);
    expect((await subs.subscriptions.get(CONTOSO)).displayName).toBe('Contoso Health (emulated)');
  });

  it('creates, gets and lists resource groups', async () => {
    const rm = new ResourceManagementClient(conn.credential, CONTOSO, conn.armOptions);
    const created = await rm.resourceGroups.createOrUpdate('contract-rg', { location: 'eastus', tags: { purpose: 'contract' } });
    expect(created).toMatchObject({ name: 'contract-rg', location: 'eastus', properties: { provisioningState: 'Succeeded' } });
    expect((await rm.resourceGroups.get('contract-rg')).tags).toEqual({ purpose: 'contract' });
    const names = [];
    for await (const g of rm.resourceGroups.list()) names.push(g.name);
    expect(names).toEqual(expect.arrayContaining(['contoso-fhir-rg', 'contract-rg']));
    const moved = await refusal(rm.resourceGroups.createOrUpdate('contract-rg', { location: 'westus2' }));
    expect(moved).toMatchObject({ statusCode: 409, code: 'InvalidResourceGroupLocation' });
  });
});

describe('Resource Manager: Azure API for FHIR accounts', () => {
  it('gets and lists the seed accounts, by subscription and by resource group', async () => {
    const smk = await fhir.services.get(RG, 'contoso-smk');
    expect(smk.properties?.cosmosDbConfiguration).toEqual({ offerThroughput: 400 });
    expect(smk.etag).toMatch(/^".+"$/);
    const cmk = await fhir.services.get(RG, 'contoso-cmk');
    expect(cmk.properties?.cosmosDbConfiguration).toEqual({ offerThroughput: 1000, keyVaultKeyUri: kv('contoso-cmk-kv', 'fhir-cmk') });
    const byRg = [];
    for await (const s of fhir.services.listByResourceGroup(RG)) byRg.push(s.name);
    expect(byRg).toEqual(expect.arrayContaining(['contoso-cmk', 'contoso-smk']));
  });

  it('creates a service-managed-key account through the long-running operation', async () => {
    const created = await fhir.services.beginCreateOrUpdateAndWait(RG, 'contract-smk', service(), { updateIntervalInMs: 50 });
    expect(created.properties?.provisioningState).toBe('Succeeded');
    expect(created.properties?.cosmosDbConfiguration).toEqual({ offerThroughput: 400 });
  });

  it('reports Creating first, then Succeeded, with Azure-AsyncOperation and Retry-After', async () => {
    const poller = await fhir.services.beginCreateOrUpdate(RG, 'contract-lro', service());
    expect((await fhir.services.get(RG, 'contract-lro')).properties?.provisioningState).toBe('Creating');
    const done = await poller.pollUntilDone();
    expect(done.properties?.provisioningState).toBe('Succeeded');
  });

  it('creates a customer-managed-key account and stores its key URI', async () => {
    const uri = kv('contoso-cmk-kv', 'fhir-cmk');
    const created = await fhir.services.beginCreateOrUpdateAndWait(RG, 'contract-cmk', service({ keyVaultKeyUri: uri, offerThroughput: 1000 }));
    expect(created.properties?.cosmosDbConfiguration).toEqual({ offerThroughput: 1000, keyVaultKeyUri: uri });
    expect((await fhir.services.get(RG, 'contract-cmk')).properties?.cosmosDbConfiguration?.keyVaultKeyUri).toBe(uri);
  });

  it('updates the key of a customer-managed-key account (GET → edit → PUT)', async () => {
    const current = await fhir.services.get(RG, 'contract-cmk');
    current.properties!.cosmosDbConfiguration!.keyVaultKeyUri = kv('contoso-rbac-kv', 'rsa-rbac');
    const updated = await fhir.services.beginCreateOrUpdateAndWait(RG, 'contract-cmk', current, { requestOptions: { customHeaders: { 'If-Match': current.etag! } } });
    expect(updated.properties?.cosmosDbConfiguration?.keyVaultKeyUri).toBe(kv('contoso-rbac-kv', 'rsa-rbac'));
  });

  it('honours If-Match: a stale etag gets 412 and changes nothing', async () => {
    const stale = await fhir.services.get(RG, 'contoso-smk');
    await fhir.services.beginUpdateAndWait(RG, 'contoso-smk', { tags: { changedBy: 'someone else' } });
    const e = await refusal(fhir.services.beginCreateOrUpdateAndWait(RG, 'contoso-smk', { ...stale, properties: { ...stale.properties, cosmosDbConfiguration: { offerThroughput: 900 } } },
      { requestOptions: { customHeaders: { 'If-Match': stale.etag! } } }));
    expect(e).toMatchObject({ statusCode: 412, code: 'PreconditionFailed' });
    expect((await fhir.services.get(RG, 'contoso-smk')).properties?.cosmosDbConfiguration?.offerThroughput).toBe(400);
  });

  it('PATCH changes only tags and publicNetworkAccess', async () => {
    const patched = await fhir.services.beginUpdateAndWait(RG, 'contract-smk', { tags: { env: 'test' }, publicNetworkAccess: 'Disabled' });
    expect(patched.tags).toEqual({ env: 'test' });
    expect(patched.properties?.publicNetworkAccess).toBe('Disabled');
    expect(patched.properties?.cosmosDbConfiguration?.offerThroughput).toBe(400);
  });

  it('checks name availability', async () => {
    const type = 'Microsoft.HealthcareApis/services';
    expect(await fhir.services.checkNameAvailability({ name: 'contoso-cmk', type })).toEqual({ nameAvailable: false, reason: 'AlreadyExists', message: 'Service name is not available.' });
    expect(await fhir.services.checkNameAvailability({ name: 'Bad_Name', type })).toMatchObject({ nameAvailable: false, reason: 'Invalid' });
    expect(await fhir.services.checkNameAvailability({ name: 'brand-new-name', type })).toEqual({ nameAvailable: true });
  });

  it('pages the list with nextLink (more than 50 accounts)', async () => {
    // Start 52 creations at once (no waiting for each), then list them.
    const pollers = await Promise.all(Array.from({ length: 52 }, (_, i) => fhir.services.beginCreateOrUpdate('contract-rg', `page-${String(i).padStart(3, '0')}`, service({ location: 'eastus' }))));
    expect(pollers).toHaveLength(52);
    const pages = fhir.services.listByResourceGroup('contract-rg').byPage();
    const sizes = [];
    for await (const p of pages) sizes.push(p.length);
    expect(sizes).toEqual([50, 2]);
  });

  it('deletes an account (202, then gone; a second delete is 204)', async () => {
    await fhir.services.beginCreateOrUpdateAndWait(RG, 'contract-delete', service());
    await fhir.services.beginDeleteAndWait(RG, 'contract-delete', { updateIntervalInMs: 50 });
    expect(await refusal(fhir.services.get(RG, 'contract-delete'))).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
    await fhir.services.beginDeleteAndWait(RG, 'contract-delete');
  });

  it('a Reader gets 403 AuthorizationFailed on writes but can read', async () => {
    const riley = new HealthcareApisManagementClient(await userCredential(run, 'Riley Reader'), CONTOSO, conn.armOptions);
    expect((await riley.services.get(RG, 'contoso-cmk')).name).toBe('contoso-cmk');
    const e = await refusal(riley.services.beginCreateOrUpdateAndWait(RG, 'riley-tries', service()));
    expect(e).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect(e.message).toContain("does not have authorization to perform action 'Microsoft.HealthcareApis/services/write'");
  });

  it('401 for a token signed by someone else', async () => {
    const token = (await conn.credential.getToken('https://management.azure.com/.default'))!.token;
    const [h, c] = token.split('.');
    const forged = new HealthcareApisManagementClient(staticCredential(`${h}.${c}.${Buffer.from('forged').toString('base64url')}`), CONTOSO, conn.armOptions);
    expect(await refusal(forged.services.get(RG, 'contoso-smk'))).toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationToken' });
  });
});

describe('Resource Manager: the backing database refuses unusable customer-managed keys', () => {
  const refused = async (name: string, body: ServicesDescription) => refusal(fhir.services.beginCreateOrUpdateAndWait(RG, name, body));

  it.each([
    ['a URI that is not a key URI', 'https://contoso-cmk-kv.vault.localhost/secrets/fhir-cmk', 'Provided KeyVaultKeyUri https://contoso-cmk-kv.vault.localhost/secrets/fhir-cmk is Invalid.'],
    ['a non-https URI', 'http://contoso-cmk-kv.vault.localhost/keys/fhir-cmk', 'Provided KeyVaultKeyUri http://contoso-cmk-kv.vault.localhost/keys/fhir-cmk is Invalid.'],
    ['a versioned URI', 'https://contoso-cmk-kv.vault.localhost/keys/fhir-cmk/0123456789abcdef0123456789abcdef', 'Please provide KeyVault Key Uri without version. We will use latest version of the key'],
    ['a vault without soft delete', kv('contoso-legacy-kv', 'rsa-legacy'), "The Key Vault 'contoso-legacy-kv' of the customer-managed key must have soft delete and purge protection enabled; soft delete and purge protection are off."],
    ['a vault without purge protection', kv('contoso-nopurge-kv', 'rsa-a'), "The Key Vault 'contoso-nopurge-kv' of the customer-managed key must have soft delete and purge protection enabled; purge protection is off."],
    ['a vault where Azure Cosmos DB has no access', kv('contoso-noaccess-kv', 'rsa-b'), 'does not grant the Azure Cosmos DB principal (application ID a232010e-820c-4083-83bb-3ace5fc29d0b) access to the customer-managed key: it needs the key permissions Get, Wrap Key and Unwrap Key in an access policy.'],
    ['a missing key', kv('contoso-cmk-kv', 'no-such-key'), "The customer-managed key 'no-such-key' is not found in the Key Vault 'contoso-cmk-kv'."],
    ['a disabled key', kv('contoso-cmk-kv', 'old-rsa'), "The customer-managed key 'old-rsa' is disabled. Enable it, or create a new version."],
    ['an expired key', kv('contoso-cmk-kv', 'expired-rsa'), "The customer-managed key 'expired-rsa' expired on"],
    ['an EC key', kv('contoso-cmk-kv', 'ec-key'), "The customer-managed key 'ec-key' is EC; it must be an RSA key (RSA or RSA-HSM)."],
  ])('refuses %s, with its text, and writes nothing', async (_, uri, text) => {
    const name = `refused-${Math.random().toString(36).slice(2, 8)}`;
    const e = await refused(name, service({ keyVaultKeyUri: uri }));
    expect(e.statusCode).toBe(400);
    expect(e.message).toContain(text);
    expect(await refusal(fhir.services.get(RG, name))).toMatchObject({ statusCode: 404 });
  });

  it('refuses switching an existing account between service- and customer-managed keys', async () => {
    const smk = await fhir.services.get(RG, 'contract-smk');
    const e = await refused('contract-smk', { ...smk, properties: { ...smk.properties, cosmosDbConfiguration: { offerThroughput: 400, keyVaultKeyUri: kv('contoso-cmk-kv', 'fhir-cmk') } } });
    expect(e).toMatchObject({ statusCode: 400, message: 'Updating KeyVaultKeyUri is not supported' });
    const cmk = await fhir.services.get(RG, 'contoso-cmk');
    const back = await refused('contoso-cmk', { ...cmk, properties: { ...cmk.properties, cosmosDbConfiguration: { offerThroughput: 1000 } } });
    expect(back.message).toBe('Updating KeyVaultKeyUri is not supported');
  });

  it('accepts the key once Azure Cosmos DB is granted access (KeyVaultManagementClient access policy add)', async () => {
    const mgmt = new KeyVaultManagementClient(conn.credential, CONTOSO, { ...conn.clientOptions, endpoint: conn.origin, credentials: { scopes: ['https://management.azure.com/.default'] } });
    await mgmt.vaults.updateAccessPolicy(RG, 'contoso-noaccess-kv', 'add', {
      properties: { accessPolicies: [{ tenantId: '8d2c5b1e-6f4a-4b7e-9c3d-2a1f0e9b7c64', objectId: 'e1c5a9d3-2f7b-4c86-a0e4-9b3d6f1c8a52', permissions: { keys: ['get', 'wrapKey', 'unwrapKey'] } }] },
    });
    const created = await fhir.services.beginCreateOrUpdateAndWait(RG, 'contract-granted', service({ keyVaultKeyUri: kv('contoso-noaccess-kv', 'rsa-b') }));
    expect(created.properties?.provisioningState).toBe('Succeeded');
    await mgmt.vaults.updateAccessPolicy(RG, 'contoso-noaccess-kv', 'remove', {
      properties: { accessPolicies: [{ tenantId: '8d2c5b1e-6f4a-4b7e-9c3d-2a1f0e9b7c64', objectId: 'e1c5a9d3-2f7b-4c86-a0e4-9b3d6f1c8a52', permissions: { keys: ['get', 'wrapKey', 'unwrapKey'] } }] },
    });
    const vault = await mgmt.vaults.get(RG, 'contoso-noaccess-kv');
    expect(vault.properties.accessPolicies?.map((p) => p.objectId)).not.toContain('e1c5a9d3-2f7b-4c86-a0e4-9b3d6f1c8a52');
  });
});

describe('Resource Manager: bad input gets ARM error shapes, never a 500', () => {
  const token = async () => (await conn.credential.getToken('https://management.azure.com/.default'))!.token;
  const put = async (path: string, body: string) =>
    call(run, 'PUT', path, { headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' }, body });
  const svc = `/subscriptions/${CONTOSO}/resourceGroups/${RG}/providers/Microsoft.HealthcareApis/services`;

  it.each([
    ['malformed JSON', `${svc}/bad-json?api-version=2024-03-31`, '{"location": ', 400, 'InvalidRequestContent'],
    ['a body that is not an object', `${svc}/bad-array?api-version=2024-03-31`, '[1,2]', 400, 'InvalidRequestContent'],
    ['no location', `${svc}/no-location?api-version=2024-03-31`, '{"kind":"fhir-R4"}', 400, 'LocationRequired'],
    ['an unknown kind', `${svc}/bad-kind?api-version=2024-03-31`, '{"location":"westus2","kind":"dicom"}', 400, 'InvalidKind'],
    ['throughput of the wrong type', `${svc}/bad-ru?api-version=2024-03-31`, '{"location":"westus2","kind":"fhir-R4","properties":{"cosmosDbConfiguration":{"offerThroughput":"lots"}}}', 400, 'InvalidRequestContent'],
    ['throughput under 400', `${svc}/low-ru?api-version=2024-03-31`, '{"location":"westus2","kind":"fhir-R4","properties":{"cosmosDbConfiguration":{"offerThroughput":100}}}', 400, 'InvalidOfferThroughput'],
    ['an invalid name', `${svc}/Bad_Name?api-version=2024-03-31`, '{"location":"westus2","kind":"fhir-R4"}', 400, 'InvalidResourceName'],
    ['an unknown api-version', `${svc}/x?api-version=1999-01-01`, '{}', 400, 'InvalidApiVersionParameter'],
    ['no api-version', `${svc}/x`, '{}', 400, 'MissingApiVersionParameter'],
    ['an unknown region', `${svc}/x-region?api-version=2024-03-31`, '{"location":"marsnorth","kind":"fhir-R4"}', 400, 'LocationNotAvailableForResourceType'],
    ['a missing resource group', `/subscriptions/${CONTOSO}/resourceGroups/nope/providers/Microsoft.HealthcareApis/services/x?api-version=2024-03-31`, '{"location":"westus2","kind":"fhir-R4"}', 404, 'ResourceGroupNotFound'],
    ['an unknown route', `/subscriptions/${CONTOSO}/providers/Microsoft.Nothing/things?api-version=2024-03-31`, '{}', 404, 'NoRegisteredProviderFound'],
  ])('%s', async (_, path, body, status, code) => {
    const res = await put(path, body);
    expect(res.status).toBe(status);
    expect(res.json<{ error: { code: string; message: string } }>().error.code).toBe(code);
  });

  it('a malformed percent-encoding is a 400, not a 500', async () => {
    const res = await call(run, 'GET', '/subscriptions/%E0%A4%A?api-version=2022-12-01', { headers: { authorization: `Bearer ${await token()}` } });
    expect(res.status).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('InvalidRequestUri');
  });

  it('ignores unknown fields, as ARM does', async () => {
    const res = await put(`${svc}/unknown-fields?api-version=2024-03-31`, JSON.stringify({ location: 'westus2', kind: 'fhir-R4', color: 'blue', properties: { shiny: true } }));
    expect(res.status).toBe(201);
    expect(res.text).not.toContain('shiny');
  });

  it('refuses an oversized body with 413', async () => {
    const res = await put(`${svc}/huge?api-version=2024-03-31`, JSON.stringify({ location: 'westus2', kind: 'fhir-R4', tags: { a: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(res.status).toBe(413);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('RequestEntityTooLarge');
  });

  it('refuses a wrong method with 405', async () => {
    const res = await call(run, 'POST', `${svc}/contoso-smk?api-version=2024-03-31`, { headers: { authorization: `Bearer ${await token()}` }, body: '{}' });
    expect(res.status).toBe(405);
  });
});
