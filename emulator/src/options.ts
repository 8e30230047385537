import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root: the data folder lives under it unless EMULATOR_DATA_DIR says otherwise. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface EmulatorOptions {
  /** Folder for the CA, the server certificate and the SQLite file (git-ignored). */
  dataDir: string;
  /** Keep the store in memory (the certificates still live in dataDir). */
  inMemory: boolean;
  /** Start again from the seed inventory. */
  reset: boolean;
  /** Port the emulator is reached on: its own origins are https://localhost:{port} and https://127.0.0.1:{port}. */
  port: number;
  /** How long a create, update or delete of an account stays in progress before it completes. */
  provisioningDelayMs: number;
  /** Whether the faults admin route (/emulator/faults) is on. */
  faults: boolean;
  /** How often the backing database re-checks each customer-managed key (Azure: up to an hour). */
  cmkCheckIntervalMs: number;
}

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes)$/i.test(v);

function portFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number (1-65535), not '${value}'.`);
  return port;
}

function delayFrom(value: string | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined || value === '') return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < min || ms > 3_600_000) throw new Error(`${name} must be a whole number of milliseconds (${min}-3600000), not '${value}'.`);
  return ms;
}

/** Options from the environment and command line, checked once. */
export function optionsFromEnvironment(
  env: NodeJS.ProcessEnv,
  argv: readonly string[],
  portVariable: 'PORT' | 'EMULATOR_PORT',
  defaultPort: number,
): EmulatorOptions {
  return {
    dataDir: resolve(PROJECT_ROOT, env.EMULATOR_DATA_DIR ?? '.data'),
    inMemory: argv.includes('--in-memory') || truthy(env.EMULATOR_IN_MEMORY),
    reset: argv.includes('--reset') || truthy(env.EMULATOR_RESET),
    port: portFrom(env[portVariable], defaultPort, portVariable),
    provisioningDelayMs: delayFrom(env.EMULATOR_PROVISIONING_DELAY_MS, 3000, 'EMULATOR_PROVISIONING_DELAY_MS', 0),
    faults: argv.includes('--faults') || truthy(env.EMULATOR_FAULTS),
    cmkCheckIntervalMs: delayFrom(env.EMULATOR_CMK_CHECK_INTERVAL_MS, 3000, 'EMULATOR_CMK_CHECK_INTERVAL_MS', 100),
  };
}
