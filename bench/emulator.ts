/**
 * Emulator throughput (a benchmark, not a test). Drives the standalone emulator with wrk (2 threads,
 * 16 connections, 10 s) on: a get of one account (Resource Manager, with full token verification),
 * a Key Vault key list, and an unwrapkey; and, in the same run, a bare node:https server answering
 * the same bytes — the ceiling on this machine. Prints requests/s, p50 and p99, and the ratio.
 * Needs wrk (Debian: apt-get install wrk). Run: npm run bench:emulator
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SERVICE_PRINCIPAL, SUBSCRIPTIONS, TENANT_ID } from '../emulator/seed/inventory.ts';

const root = join(import.meta.dirname, '..');
const PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 8543);
const CEILING_PORT = PORT + 1;
const DURATION = process.env.BENCH_DURATION ?? '10s';
const work = mkdtempSync(join(tmpdir(), 'fhir-cmk-bench-'));

if (spawnSync('wrk', ['--version']).error) {
  console.error('wrk is not installed (Debian: apt-get install wrk).');
  process.exit(1);
}

const children: ChildProcess[] = [];
const cleanUp = () => {
  for (const c of children) c.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
};
process.on('exit', cleanUp);

function fetchText(method: string, path: string, o: { host?: string; headers?: Record<string, string>; body?: string; port?: number; ca?: string } = {}) {
  return new Promise<{ status: number; text: string; raw: Buffer; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: o.port ?? PORT, path, method, servername: o.host ?? 'localhost', ca: o.ca, rejectUnauthorized: !!o.ca,
      headers: { host: o.host ?? `localhost:${PORT}`, ...o.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, text: raw.toString('utf8'), raw, headers: res.headers });
      });
    });
    req.on('error', reject);
    if (o.body) req.write(o.body);
    req.end();
  });
}

async function waitReady(port: number, path: string) {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetchText('GET', path, { port });
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Nothing answered on port ${port}.`);
}

interface WrkResult { rps: number; p50: string; p99: string; errors: string }

function wrk(url: string, headers: Record<string, string>, lua?: string): WrkResult {
  const args = ['-t2', '-c16', `-d${DURATION}`, '--latency'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  if (lua) {
    const script = join(work, `script-${Math.random().toString(36).slice(2)}.lua`);
    writeFileSync(script, lua);
    args.push('-s', script);
  }
  args.push(url);
  const out = spawnSync('wrk', args, { encoding: 'utf8' }).stdout;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const p50 = /^\s+50%\s+(\S+)/m.exec(out)?.[1] ?? '?';
  const p99 = /^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '?';
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1];
  const socketErrors = /Socket errors:.*/.exec(out)?.[0];
  return { rps, p50, p99, errors: [non2xx ? `${non2xx} non-2xx` : '', socketErrors ?? ''].filter(Boolean).join('; ') || 'none' };
}

// 1. The standalone emulator, in memory, on its own data folder.
const emulator = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'emulator/src/server.ts'), '--in-memory'], {
  env: { ...process.env, EMULATOR_PORT: String(PORT), EMULATOR_DATA_DIR: work },
  stdio: ['ignore', 'ignore', 'inherit'],
});
children.push(emulator);
await waitReady(PORT, '/emulator/health');
const ca = readFileSync(join(work, 'ca.pem'), 'utf8');

// 2. Tokens for the demo service principal (client credentials), as any SDK user gets them.
async function token(scope: string): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_SERVICE_PRINCIPAL.clientId, client_secret: DEMO_SERVICE_PRINCIPAL.clientSecret, scope }).toString();
  const r = await fetchText('POST', `/${TENANT_ID}/oauth2/v2.0/token`, { ca, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return (JSON.parse(r.text) as { access_token: string }).access_token;
}
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
