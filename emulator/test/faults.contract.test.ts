import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HealthcareApisManagementClient } from '@azure/arm-healthcareapis';
import { KeyClient } from '@azure/keyvault-keys';
import { emulatorConnection, type EmulatorConnection } from '../node.ts';
import { SUBSCRIPTIONS } from '../seed/inventory.ts';
import { call, startEmulator, type RunningEmulator } from './harness.ts';

let run: RunningEmulator;
let conn: EmulatorConnection;
let fhir: HealthcareApisManagementClient;
const RG = 'contoso-fhir-rg';

beforeAll(async () => {
  run = await startEmulator({ faults: true });
  conn = emulatorConnection({ port: run.port, ca: run.emulator.tls.ca });
  fhir = new HealthcareApisManagementClient(conn.credential, SUBSCRIPTIONS.contoso.id, conn.armOptions);
});
afterEach(async () => {
  await call(run, 'DELETE', '/emulator/faults');
});
afterAll(async () => {
  conn?.agent.destroy();
  await run?.stop();
});

const setFaults = async (faults: object) => {
  const res = await call(run, 'PUT', '/emulator/faults', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  expect(res.status).toBe(200);
};
const armToken = async () => (await conn.credential.getToken('https://management.azure.com/.default'))!.token;
const getPath = `/subscriptions/${SUBSCRIPTIONS.contoso.id}/resourceGroups/${RG}/providers/Microsoft.HealthcareApis/services/contoso-smk?api-version=2024-03-31`;

describe('faults on demand', () => {
  it('429 with Retry-After: seen on the wire, then retried by the SDK until it succeeds', async () => {
    await setFaults({ throttle: { count: 2, retryAfterSeconds: 1 }, surfaces: ['arm'] });
    const raw = await call(run, 'GET', getPath, { headers: { authorization: `Bearer ${await armToken()}` } });
    expect(raw.status).toBe(429);
    expect(raw.headers['retry-after']).toBe('1');
    expect(raw.json<{ error: { code: string } }>().error.code).toBe('TooManyRequests');
    const started = Date.now();
    expect((await fhir.services.get(RG, 'contoso-smk')).name).toBe('contoso-smk');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('503: seen on the wire, then retried by the SDK', async () => {
    await setFaults({ unavailable: { count: 2 }, surfaces: ['arm'] });
    const raw = await call(run, 'GET', getPath, { headers: { authorization: `Bearer ${await armToken()}` } });
    expect(raw.status).toBe(503);
    expect((await fhir.services.get(RG, 'contoso-smk')).name).toBe('contoso-smk');
  });

  it('added latency', async () => {
    await fhir.services.get(RG, 'contoso-smk');
    await setFaults({ latencyMs: 400 });
    const started = Date.now();
    await fhir.services.get(RG, 'contoso-smk');
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('a long-running operation that ends Failed', async () => {
    await setFaults({ failNextOperation: { code: 'InternalServerError', message: 'The FHIR service could not be provisioned.' } });
    let error: { code?: string; message?: string } | undefined;
    try {
      await fhir.services.beginCreateOrUpdateAndWait(RG, 'fails-to-provision', { location: 'westus2', kind: 'fhir-R4' }, { updateIntervalInMs: 50 });
    } catch (e) {
      error = e as { code?: string; message?: string };
    }
    expect(error?.message).toContain('The FHIR service could not be provisioned.');
    expect((await fhir.services.get(RG, 'fails-to-provision')).properties?.provisioningState).toBe('Failed');
  });

  it('a vault that stops answering: Key Vault requests hang, ARM refuses its keys with the Cosmos DB text', async () => {
    await setFaults({ unresponsiveVaults: ['fabrikam-kv'] });
    const client = new KeyClient('https://fabrikam-kv.vault.localhost', conn.credential, { ...conn.clientOptions, retryOptions: { maxRetries: 0 } });
    const started = Date.now();
    await expect(client.getKey('research-cmk', { abortSignal: AbortSignal.timeout(800) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
    let error: { statusCode?: number; message?: string } | undefined;
    try {
      const noRetry = new HealthcareApisManagementClient(conn.credential, SUBSCRIPTIONS.contoso.id, { ...conn.armOptions, retryOptions: { maxRetries: 0 } });
      await noRetry.services.beginCreateOrUpdateAndWait(RG, 'vault-down', {
        location: 'westus2', kind: 'fhir-R4', properties: { cosmosDbConfiguration: { keyVaultKeyUri: 'https://fabrikam-kv.vault.localhost/keys/research-cmk' } },
      });
    } catch (e) {
      error = e as { statusCode?: number; message?: string };
    }
    expect(error?.statusCode).toBe(503);
    expect(error?.message).toContain('Error contacting the Azure Key Vault resource. Please try again.');
  });

  it('refuses a malformed faults document and lists what is known', async () => {
    const res = await call(run, 'PUT', '/emulator/faults', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ meteor: true }) });
    expect(res.status).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain("Unknown fault 'meteor'");
  });
});

describe('faults are off by default', () => {
  it('answers 404 FaultsDisabled without --faults', async () => {
    const plain = await startEmulator({ faults: false });
    try {
      const res = await call(plain, 'PUT', '/emulator/faults', { body: '{"latencyMs":5}' });
      expect(res.status).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('FaultsDisabled');
    } finally {
      await plain.stop();
    }
  });
});
