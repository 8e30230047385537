/**
 * Bundle size (a benchmark, not a test): builds the portal and prints the gzip size of the JavaScript
 * the first page loads (the entry and its static imports) and of each lazily loaded chunk.
 * Budget: the first page ≤ 250 KB gzip. Run: npm run bench:bundle
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A chunk and everything it imports statically: what the browser must load before it runs. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
  return seen;
}

const firstPage = closure('index.html');
const rows: [string, number][] = [...firstPage].map((k) => [manifest[k]!.file, gz(manifest[k]!.file)]);
const firstTotal = rows.reduce((sum, [, size]) => sum + size, 0);

console.log('\nFirst page (index.html and its static imports), gzip:');
for (const [file, size] of rows) console.log(`  ${kb(size).padStart(10)}  ${file}`);
console.log(`  ${kb(firstTotal).padStart(10)}  total — budget ${BUDGET_KB} KB: ${firstTotal <= BUDGET_KB * 1024 ? 'within' : 'OVER'}`);

console.log('\nLoaded lazily (each with what it adds beyond the first page), gzip:');
for (const [key, chunk] of Object.entries(manifest)) {
  if (!chunk.isDynamicEntry) continue;
  const extra = [...closure(key)].filter((k) => !firstPage.has(k));
  const size = extra.reduce((sum, k) => sum + gz(manifest[k]!.file), 0);
  console.log(`  ${kb(size).padStart(10)}  ${key} (${extra.length} chunk${extra.length === 1 ? '' : 's'})`);
}
const other = Object.entries(manifest).filter(([k, c]) => c.isEntry && k !== 'index.html');
for (const [key, chunk] of other) console.log(`\nOther entry ${key}: ${kb([...closure(key)].reduce((s, k) => s + gz(manifest[k]!.file), 0))} gzip (${chunk.file})`);
