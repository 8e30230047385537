import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HealthcareApisManagementClient } from '@azure/arm-healthcareapis';
import { KeyClient } from '@azure/keyvault-keys';
import { emulatorConnection } from '../node.ts';
import { SUBSCRIPTIONS } from '../seed/inventory.ts';
import { startEmulator } from './harness.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'fhir-cmk-persist-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function withEmulator<T>(o: { reset?: boolean }, fn: (clients: { fhir: HealthcareApisManagementClient; keys: KeyClient }) => Promise<T>): Promise<T> {
  const run = await startEmulator({ dataDir, inMemory: false, reset: o.reset });
  const conn = emulatorConnection({ port: run.port, ca: run.emulator.tls.ca });
  try {
    return await fn({
      fhir: new HealthcareApisManagementClient(conn.credential, SUBSCRIPTIONS.contoso.id, conn.armOptions),
      keys: new KeyClient('https://contoso-cmk-kv.vault.localhost', conn.credential, conn.clientOptions),
    });
  } finally {
    conn.agent.destroy();
    await run.stop();
  }
}

describe('persistence in the data folder', () => {
  it('a restart keeps accounts and keys; --reset goes back to the seed', async () => {
    const version = await withEmulator({}, async ({ fhir, keys }) => {
      await fhir.services.beginCreateOrUpdateAndWait('contoso-fhir-rg', 'survives-restart', { location: 'westus2', kind: 'fhir-R4' });
      return (await keys.createRsaKey('survives-restart')).properties.version;
    });
    await withEmulator({}, async ({ fhir, keys }) => {
      expect((await fhir.services.get('contoso-fhir-rg', 'survives-restart')).properties?.provisioningState).toBe('Succeeded');
      expect((await keys.getKey('survives-restart')).properties.version).toBe(version);
    });
    await withEmulator({ reset: true }, async ({ fhir, keys }) => {
      await expect(fhir.services.get('contoso-fhir-rg', 'survives-restart')).rejects.toMatchObject({ statusCode: 404 });
      await expect(keys.getKey('survives-restart')).rejects.toMatchObject({ statusCode: 404 });
      expect((await fhir.services.get('contoso-fhir-rg', 'contoso-cmk')).name).toBe('contoso-cmk');
    });
  });
});
