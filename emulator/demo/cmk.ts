/**
 * `npm run demo:cmk`: customer-managed keys in action, step by step, against an emulator started here
 * (in memory; nothing is kept). Uses the official SDK clients and the emulator's FHIR API.
 */
import { createServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HealthcareApisManagementClient } from '@azure/arm-healthcareapis';
import { KeyClient } from '@azure/keyvault-keys';
import { buildEmulator } from '../src/app.ts';
import { emulatorConnection } from '../node.ts';
import { SUBSCRIPTIONS } from '../seed/inventory.ts';

const CHECK_INTERVAL_MS = Number(process.env.EMULATOR_CMK_CHECK_INTERVAL_MS ?? 1000);
let step = 0;
const say = (text: string) => console.log(`\n${++step}. ${text}`);
const detail = (text: string) => console.log(`   ${text}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'fhir-cmk-demo-'));
say(`Starting an emulator on https://localhost:${port} (key checks every ${CHECK_INTERVAL_MS} ms; Azure takes up to an hour)`);
const emulator = await buildEmulator({ dataDir, inMemory: true, reset: false, port, provisioningDelayMs: 500, faults: false, cmkCheckIntervalMs: CHECK_INTERVAL_MS });
const server = createServer({ key: emulator.tls.key, cert: emulator.tls.cert }, (req, res) => emulator.handler(req, res)).listen(port, '127.0.0.1');
const conn = emulatorConnection({ port, ca: emulator.tls.ca });
const arm = new HealthcareApisManagementClient(conn.credential, SUBSCRIPTIONS.contoso.id, conn.armOptions);
const keys = new KeyClient('https://contoso-cmk-kv.vault.localhost', conn.credential, conn.clientOptions);

async function keyStatus(name: string) {
  let p: { customerManagedKeyStatus?: string; keyVaultKeyUriVersion?: string } = {};
  await arm.services.get('contoso-fhir-rg', name, { onResponse: (r) => { p = (JSON.parse(r.bodyAsText ?? '{}') as { properties: typeof p }).properties; } });
  return p;
}
async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await what();
    if (ok(v)) return v;
    await sleep(100);
  }
  throw new Error('Timed out.');
}

try {
  const name = 'demo-cmk';
  const keyName = 'demo-key';
  say(`Creating the RSA 3072 key '${keyName}' in the vault contoso-cmk-kv (soft delete and purge protection on; Azure Cosmos DB has Get, Wrap Key, Unwrap Key)`);
  const key = await keys.createRsaKey(keyName, { keySize: 3072 });
  detail(`key ${key.id}`);

  const keyUri = `https://contoso-cmk-kv.vault.localhost/keys/${keyName}`;
  say(`Creating the Azure API for FHIR account '${name}' with the customer-managed key ${keyUri}`);
  await arm.services.beginCreateOrUpdateAndWait('contoso-fhir-rg', name, { location: 'westus2', kind: 'fhir-R4', properties: { cosmosDbConfiguration: { offerThroughput: 400, keyVaultKeyUri: keyUri } } }, { updateIntervalInMs: 200 });
  let status = await keyStatus(name);
  detail(`the data key is wrapped with version ${status.keyVaultKeyUriVersion}: ${status.customerManagedKeyStatus}`);

  const fhir = conn.fhir(name);
  say('Writing three patients through the FHIR API (each encrypted with AES-256-GCM under the account\'s data key)');
  const ids: string[] = [];
  for (const family of ['Okafor', 'Lindqvist', 'Tanaka']) {
    const r = await fhir.request<{ id: string }>('POST', '/Patient', { resourceType: 'Patient', name: [{ family, given: ['Demo'] }] });
    ids.push(r.body.id);
    detail(`${r.status} Patient/${r.body.id} (${family})`);
  }

  say('Rotating the key: a new version appears; the account re-wraps its data key with it, with no interruption');
  const rotated = await keys.rotateKey(keyName);
  status = await until(() => keyStatus(name), (s) => s.keyVaultKeyUriVersion === rotated.properties.version);
  detail(`now wrapped with version ${status.keyVaultKeyUriVersion}`);
  const read = await fhir.request<{ name: { family: string }[] }>('GET', `/Patient/${ids[0]}`);
  detail(`reading Patient/${ids[0]}: ${read.status} (${read.body.name[0]!.family})`);

  say(`Disabling the latest version of '${keyName}' in Key Vault (revoking access to the data)`);
  await keys.updateKeyProperties(keyName, rotated.properties.version!, { enabled: false });
  const refused = await until(() => fhir.request<{ issue: { code: string; diagnostics: string }[] }>('GET', `/Patient/${ids[0]}`), (r) => r.status === 403);
  detail(`FHIR: ${refused.status} OperationOutcome ${refused.body.issue[0]!.code}: "${refused.body.issue[0]!.diagnostics}"`);
  detail(`Resource Manager: ${(await keyStatus(name)).customerManagedKeyStatus}`);
  try {
    const current = await arm.services.get('contoso-fhir-rg', name);
    await arm.services.beginCreateOrUpdateAndWait('contoso-fhir-rg', name, { ...current, properties: { ...current.properties, cosmosDbConfiguration: { ...current.properties!.cosmosDbConfiguration, offerThroughput: 500 } } });
  } catch (e) {
    detail(`an update is refused: ${(e as Error).message}`);
  }

  say('Re-enabling the key version (restoring access)');
  await keys.updateKeyProperties(keyName, rotated.properties.version!, { enabled: true });
  await until(() => fhir.request('GET', `/Patient/${ids[0]}`), (r) => r.status === 200);
  say('Reading the patients back');
  for (const id of ids) {
    const r = await fhir.request<{ name: { family: string }[] }>('GET', `/Patient/${id}`);
    detail(`${r.status} Patient/${id} (${r.body.name[0]!.family})`);
  }
  console.log('\nDone: the data was encrypted under the customer-managed key, survived a rotation, was refused while the key was disabled, and came back unchanged.\n');
} finally {
  conn.agent.destroy();
  server.close();
  server.closeAllConnections();
  emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
}
