/** Shared by the benchmarks that drive a server with wrk: spawn the standalone emulator, call it, run wrk. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');

export function requireWrk(): void {
  if (spawnSync('wrk', ['--version']).error) {
    console.error('wrk is not installed (Debian: apt-get install wrk).');
    process.exit(1);
  }
}

export interface Fetched {
  status: number;
  text: string;
  raw: Buffer;
}

export function fetchText(port: number, method: string, path: string, o: { host?: string; headers?: Record<string, string>; body?: string; ca?: string } = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, path, method, servername: o.host ?? 'localhost', ca: o.ca, rejectUnauthorized: !!o.ca,
      headers: { host: o.host ?? `localhost:${port}`, ...o.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, text: raw.toString('utf8'), raw });
      });
    });
    req.on('error', reject);
    if (o.body) req.write(o.body);
    req.end();
  });
}

export async function waitReady(port: number, path: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetchText(port, 'GET', path)).status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Nothing answered on port ${port}.`);
}

/** The standalone emulator (`npm run emulator`), in memory, on its own data folder. */
export async function startStandaloneEmulator(port: number, env: Record<string, string> = {}): Promise<{ ca: string; work: string; stop: () => void; children: ChildProcess[] }> {
  const work = mkdtempSync(join(tmpdir(), 'fhir-cmk-bench-'));
  const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'emulator/src/server.ts'), '--in-memory'], {
    env: { ...process.env, EMULATOR_PORT: String(port), EMULATOR_DATA_DIR: work, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const children = [child];
  const stop = () => {
    for (const c of children) c.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  };
  process.on('exit', stop);
  await waitReady(port, '/emulator/health');
  return { ca: readFileSync(join(work, 'ca.pem'), 'utf8'), work, stop, children };
}

export interface WrkResult {
  rps: number;
  p50: string;
  p99: string;
  errors: string;
}

export function wrk(url: string, headers: Record<string, string>, o: { duration: string; work: string; lua?: string }): WrkResult {
  const args = ['-t2', '-c16', `-d${o.duration}`, '--latency'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  if (o.lua) {
    const script = join(o.work, `script-${Math.random().toString(36).slice(2)}.lua`);
    writeFileSync(script, o.lua);
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

/** A client-credentials token of the demo service principal. */
export async function spToken(port: number, ca: string, scope: string, tenantId: string, clientId: string, secret: string): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope }).toString();
  const r = await fetchText(port, 'POST', `/${tenantId}/oauth2/v2.0/token`, { ca, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return (JSON.parse(r.text) as { access_token: string }).access_token;
}
