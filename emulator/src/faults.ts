/**
 * Faults on demand, for tests and demos. Off unless the emulator starts with `--faults` (or
 * EMULATOR_FAULTS=1); then `/emulator/faults` reads (GET), sets (PUT, JSON) and clears (DELETE) them.
 */
export type Surface = 'arm' | 'keyvault' | 'fhir';

export interface FaultSettings {
  /** Added to every answer of these surfaces, in milliseconds. */
  latencyMs?: number;
  /** The next `count` requests get 429 with `Retry-After: retryAfterSeconds`. */
  throttle?: { count: number; retryAfterSeconds?: number };
  /** The next `count` requests get 503. */
  unavailable?: { count: number };
  /** The next long-running operation ends Failed with this error. */
  failNextOperation?: { code?: string; message?: string };
  /** Vaults (by name) that stop answering: requests to them hang until the client gives up. */
  unresponsiveVaults?: string[];
  /** Surfaces the latency, throttle and unavailable faults apply to (default: all). */
  surfaces?: Surface[];
}

export class FaultInjector {
  private settings: FaultSettings = {};

  get(): FaultSettings {
    return structuredClone(this.settings);
  }

  set(next: FaultSettings): void {
    this.settings = structuredClone(next);
  }

  clear(): void {
    this.settings = {};
  }

  private applies(surface: Surface): boolean {
    return !this.settings.surfaces || this.settings.surfaces.includes(surface);
  }

  latency(surface: Surface): number {
    return this.applies(surface) ? (this.settings.latencyMs ?? 0) : 0;
  }

  /** Takes one throttle or unavailable fault for this request, if any is armed. */
  takeRequestFault(surface: Surface): { status: 429; retryAfter: number } | { status: 503 } | undefined {
    if (!this.applies(surface)) return undefined;
    const t = this.settings.throttle;
    if (t && t.count > 0) {
      t.count -= 1;
      return { status: 429, retryAfter: t.retryAfterSeconds ?? 1 };
    }
    const u = this.settings.unavailable;
    if (u && u.count > 0) {
      u.count -= 1;
      return { status: 503 };
    }
    return undefined;
  }

  takeOperationFailure(): { code: string; message: string } | undefined {
    const f = this.settings.failNextOperation;
    if (!f) return undefined;
    delete this.settings.failNextOperation;
    return { code: f.code ?? 'InternalServerError', message: f.message ?? 'The operation failed (a fault injected by the emulator).' };
  }

  vaultUnresponsive(vault: string): boolean {
    return (this.settings.unresponsiveVaults ?? []).some((v) => v.toLowerCase() === vault.toLowerCase());
  }
}

/** Checks a faults document from the admin route; returns a message for the first problem. */
export function faultSettingsProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'The body must be a JSON object.';
  const v = value as Record<string, unknown>;
  const known = ['latencyMs', 'throttle', 'unavailable', 'failNextOperation', 'unresponsiveVaults', 'surfaces'];
  const unknown = Object.keys(v).filter((k) => !known.includes(k));
  if (unknown.length) return `Unknown fault '${unknown[0]}'. Known faults: ${known.join(', ')}.`;
  const count = (x: unknown) => x && typeof x === 'object' && Number.isInteger((x as { count?: unknown }).count) && (x as { count: number }).count >= 0;
  if (v.latencyMs !== undefined && (!Number.isInteger(v.latencyMs) || (v.latencyMs as number) < 0 || (v.latencyMs as number) > 60_000)) {
    return 'latencyMs must be a whole number of milliseconds from 0 to 60000.';
  }
  if (v.throttle !== undefined && !count(v.throttle)) return 'throttle must be { count, retryAfterSeconds? } with a whole count.';
  if (v.unavailable !== undefined && !count(v.unavailable)) return 'unavailable must be { count } with a whole count.';
  if (v.unresponsiveVaults !== undefined && (!Array.isArray(v.unresponsiveVaults) || !v.unresponsiveVaults.every((x) => typeof x === 'string'))) {
    return 'unresponsiveVaults must be a list of vault names.';
  }
  if (v.surfaces !== undefined && (!Array.isArray(v.surfaces) || !v.surfaces.every((x) => x === 'arm' || x === 'keyvault' || x === 'fhir'))) {
    return "surfaces must be a list of 'arm', 'keyvault' and 'fhir'.";
  }
  return undefined;
}
