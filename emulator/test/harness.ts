import { createServer as createNetServer } from 'node:net';
import { createServer, request, type Server } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEmulator, type Emulator } from '../src/app.ts';

export interface RunningEmulator {
  emulator: Emulator;
  origin: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts the standalone emulator (HTTPS, its own CA) on a free port with a fresh data folder. */
export async function startEmulator(o: { dataDir?: string; inMemory?: boolean; provisioningDelayMs?: number; faults?: boolean; reset?: boolean; cmkCheckIntervalMs?: number } = {}): Promise<RunningEmulator> {
  const port = await freePort();
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'fhir-cmk-emulator-'));
  const emulator = await buildEmulator({
    dataDir, inMemory: o.inMemory ?? true, reset: o.reset ?? false, port, provisioningDelayMs: o.provisioningDelayMs ?? 100, faults: o.faults ?? true,
    cmkCheckIntervalMs: o.cmkCheckIntervalMs ?? 200,
  });
  const server: Server = createServer({ key: emulator.tls.key, cert: emulator.tls.cert }, (req, res) => emulator.handler(req, res));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    emulator,
    origin: `https://localhost:${port}`,
    port,
    dataDir,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      emulator.close();
      if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = unknown>(): T;
}

/** One HTTPS request to the emulator, trusting its CA (Node does not resolve *.localhost: connect to 127.0.0.1). */
export function call(
  run: RunningEmulator,
  method: string,
  path: string,
  o: { headers?: Record<string, string>; body?: string; host?: string } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        servername: o.host ?? 'localhost',
        port: run.port,
        method,
        path,
        ca: run.emulator.tls.ca,
        headers: { host: `${o.host ?? 'localhost'}:${run.port}`, ...o.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
      },
    );
    req.on('error', reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

/** The error a request ends with (fails the test if it succeeds). */
export async function refusal(promise: Promise<unknown>): Promise<{ statusCode?: number; code?: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    return e as { statusCode?: number; code?: string; message: string };
  }
  throw new Error('Expected the request to be refused.');
}
