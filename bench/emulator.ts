/**
 * Emulator throughput (a benchmark, not a test). Drives the standalone emulator with wrk (2 threads,
 * 16 connections, 10 s) on: a get of one account (Resource Manager, with full token verification),
 * a Key Vault key list, and an unwrapkey; and, in the same run, a bare node:https server answering
 * the same bytes — the ceiling on this machine. Prints requests/s, p50 and p99, and the ratio.
 * Needs wrk (Debian: apt-get install wrk). Run: npm run bench:emulator
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SERVICE_PRINCIPAL, SUBSCRIPTIONS, TENANT_ID } from '../emulator/seed/inventory.ts';
import { fetchText as fetchOn, requireWrk, spToken, startStandaloneEmulator, waitReady, wrk as runWrk, type WrkResult } from './wrk.ts';

const PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 8543);
const CEILING_PORT = PORT + 1;
const DURATION = process.env.BENCH_DURATION ?? '10s';
requireWrk();
const fetchText = (method: string, path: string, o: Parameters<typeof fetchOn>[3] = {}) => fetchOn(PORT, method, path, o);

// 1. The standalone emulator, in memory, on its own data folder.
const { ca, work, stop, children } = await startStandaloneEmulator(PORT);
const cleanUp = stop;

// 2. Tokens for the demo service principal (client credentials), as any SDK user gets them.
const token = (scope: string) => spToken(PORT, ca, scope, TENANT_ID, DEMO_SERVICE_PRINCIPAL.clientId, DEMO_SERVICE_PRINCIPAL.clientSecret);
const armToken = await token('https://management.azure.com/.default');
const kvToken = await token('https://vault.localhost/.default');

const armPath = `/subscriptions/${SUBSCRIPTIONS.contoso.id}/resourceGroups/contoso-fhir-rg/providers/Microsoft.HealthcareApis/services/contoso-cmk?api-version=2024-03-31`;
const vaultHost = 'contoso-cmk-kv.vault.localhost';
const listPath = '/keys?api-version=7.6';
const armGet = await fetchText('GET', armPath, { ca, headers: { authorization: `Bearer ${armToken}` } });
const keyList = await fetchText('GET', listPath, { ca, host: vaultHost, headers: { authorization: `Bearer ${kvToken}` } });
const fhirKey = JSON.parse((await fetchText('GET', '/keys/fhir-cmk?api-version=7.6', { ca, host: vaultHost, headers: { authorization: `Bearer ${kvToken}` } })).text) as { key: { kid: string } };
const version = fhirKey.key.kid.split('/').pop();
const unwrapPath = `/keys/fhir-cmk/${version}/unwrapkey?api-version=7.6`;
const wrapped = JSON.parse((await fetchText('POST', `/keys/fhir-cmk/${version}/wrapkey?api-version=7.6`, {
  ca, host: vaultHost, headers: { authorization: `Bearer ${kvToken}`, 'content-type': 'application/json' },
  body: JSON.stringify({ alg: 'RSA-OAEP-256', value: Buffer.alloc(32, 7).toString('base64url') }),
})).text) as { value: string };
const unwrapBody = JSON.stringify({ alg: 'RSA-OAEP-256', value: wrapped.value });
const unwrapped = await fetchText('POST', unwrapPath, { ca, host: vaultHost, headers: { authorization: `Bearer ${kvToken}`, 'content-type': 'application/json' }, body: unwrapBody });
for (const [name, r] of [['ARM get', armGet], ['key list', keyList], ['unwrapkey', unwrapped]] as const) {
  if (r.status !== 200) throw new Error(`${name} answered ${r.status}: ${r.text}`);
}

// 3. The ceiling: a bare node:https server (its own process) answering the ARM get's bytes.
const ceilingScript = join(work, 'ceiling.mjs');
writeFileSync(ceilingScript, `
import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
const body = readFileSync(${JSON.stringify(join(work, 'body.json'))});
createServer({ key: readFileSync(${JSON.stringify(join(work, 'server-key.pem'))}), cert: readFileSync(${JSON.stringify(join(work, 'server.pem'))}) }, (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}).listen(${CEILING_PORT});
`);
writeFileSync(join(work, 'body.json'), armGet.raw);
const ceiling = spawn(process.execPath, [ceilingScript], { stdio: 'inherit' });
children.push(ceiling);
await waitReady(CEILING_PORT, '/');
const wrk = (url: string, headers: Record<string, string>, lua?: string): WrkResult => runWrk(url, headers, { duration: DURATION, work, ...(lua ? { lua } : {}) });

// 4. Measure, one at a time.
console.log(`\nwrk -t2 -c16 -d${DURATION} on this machine (${DURATION} each; response bodies: ARM get ${armGet.raw.length} B, key list ${keyList.raw.length} B, unwrapkey ${unwrapped.raw.length} B)\n`);
const rows: [string, WrkResult][] = [];
rows.push(['bare node:https (ceiling)', wrk(`https://127.0.0.1:${CEILING_PORT}/`, {})]);
rows.push(['ARM get account (token verified)', wrk(`https://127.0.0.1:${PORT}${armPath}`, { Host: `localhost:${PORT}`, Authorization: `Bearer ${armToken}` })]);
rows.push(['Key Vault key list', wrk(`https://127.0.0.1:${PORT}${listPath}`, { Host: vaultHost, Authorization: `Bearer ${kvToken}` })]);
rows.push(['Key Vault unwrapkey (RSA 3072)', wrk(`https://127.0.0.1:${PORT}${unwrapPath}`, { Host: vaultHost, Authorization: `Bearer ${kvToken}`, 'Content-Type': 'application/json' },
  `wrk.method = "POST"\nwrk.body = ${JSON.stringify(unwrapBody)}\n`)]);

const ceilingRps = rows[0]![1].rps;
console.log(`${'endpoint'.padEnd(36)}${'req/s'.padStart(10)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'of ceiling'.padStart(12)}  errors`);
for (const [name, r] of rows) {
  console.log(`${name.padEnd(36)}${r.rps.toFixed(0).padStart(10)}${r.p50.padStart(10)}${r.p99.padStart(10)}${`${((r.rps / ceilingRps) * 100).toFixed(0)}%`.padStart(12)}  ${r.errors}`);
}
console.log('\nTarget for the ARM get: ≥ 5,000 req/s and p99 ≤ 10 ms.');
cleanUp();
process.exit(0);
