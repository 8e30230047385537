/**
 * FHIR throughput, service-managed vs customer-managed key (a benchmark, not a test). Drives the
 * standalone emulator with wrk (2 threads, 16 connections, 10 s a run, A-B-B-A) on reads and writes of Patient
 * for contoso-smk and contoso-cmk, and prints them side by side. Target: the CMK account within 5% of
 * the SMK one — the data key is cached, never unwrapped per request. Needs wrk. Run: npm run bench:fhir
 */
import { DEMO_SERVICE_PRINCIPAL as SP, TENANT_ID } from '../emulator/seed/inventory.ts';
import { fetchText, requireWrk, spToken, startStandaloneEmulator, wrk, type WrkResult } from './wrk.ts';

requireWrk();
const PORT = Number(process.env.BENCH_FHIR_PORT ?? 8643);
const duration = process.env.BENCH_DURATION ?? '10s';
const emulator = await startStandaloneEmulator(PORT);
const patient = JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Benchmark', given: ['Wrk'] }], gender: 'unknown', birthDate: '1980-01-01' });

const targets: Record<string, { headers: Record<string, string>; id: string }> = {};
for (const account of ['contoso-smk', 'contoso-cmk']) {
  const host = `${account}.azurehealthcareapis.localhost`;
  const token = await spToken(PORT, emulator.ca, `https://${host}/.default`, TENANT_ID, SP.clientId, SP.clientSecret);
  const created = await fetchText(PORT, 'POST', '/Patient', { ca: emulator.ca, host, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' }, body: patient });
  if (created.status !== 201) throw new Error(`${account}: ${created.status} ${created.text}`);
  targets[account] = { headers: { Host: host, Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' }, id: (JSON.parse(created.text) as { id: string }).id };
}
const run = (account: string, op: 'read' | 'write'): WrkResult => {
  const t = targets[account]!;
  return op === 'read'
    ? wrk(`https://127.0.0.1:${PORT}/Patient/${t.id}`, t.headers, { duration, work: emulator.work })
    : wrk(`https://127.0.0.1:${PORT}/Patient`, t.headers, { duration, work: emulator.work, lua: `wrk.method = "POST"\nwrk.body = ${JSON.stringify(patient)}\n` });
};
// A-B-B-A order, averaged: neither account always runs on the larger store or the warmer machine.
const mean = (a: WrkResult, b: WrkResult): WrkResult => ({ rps: (a.rps + b.rps) / 2, p50: `${a.p50}/${b.p50}`, p99: `${a.p99}/${b.p99}`, errors: a.errors === 'none' && b.errors === 'none' ? 'none' : `${a.errors}; ${b.errors}` });
const smk = {} as Record<'read' | 'write', WrkResult>;
const cmk = {} as Record<'read' | 'write', WrkResult>;
for (const op of ['read', 'write'] as const) {
  const s1 = run('contoso-smk', op);
  const c1 = run('contoso-cmk', op);
  const c2 = run('contoso-cmk', op);
  const s2 = run('contoso-smk', op);
  smk[op] = mean(s1, s2);
  cmk[op] = mean(c1, c2);
}
emulator.stop();

const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)}%`;
console.log(`\nFHIR on the standalone emulator, wrk -t2 -c16 -d${duration} (this machine)\n`);
console.log('(each figure: the mean of two runs in A-B-B-A order; latencies of both runs shown)');
console.log(`${''.padEnd(16)}${'SMK req/s'.padStart(10)}${'p50'.padStart(16)}${'p99'.padStart(16)}${'CMK req/s'.padStart(11)}${'p50'.padStart(16)}${'p99'.padStart(16)}${'CMK vs SMK'.padStart(12)}`);
for (const op of ['read', 'write'] as const) {
  const s = smk[op];
  const c = cmk[op];
  console.log(`${`Patient ${op}`.padEnd(16)}${s.rps.toFixed(0).padStart(10)}${s.p50.padStart(16)}${s.p99.padStart(16)}${c.rps.toFixed(0).padStart(11)}${c.p50.padStart(16)}${c.p99.padStart(16)}${pct(c.rps, s.rps).padStart(12)}`);
  if (s.errors !== 'none' || c.errors !== 'none') console.log(`  errors: SMK ${s.errors}; CMK ${c.errors}`);
}
console.log('\nTarget: CMK within 5% of SMK (Cosmos DB itself: +5% RU on point reads, +6% on writes).');
process.exit(0);
