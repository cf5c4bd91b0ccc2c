// Type-check cost of using the generated L1 classes: `tsc --noEmit` of a one-line file that
// imports the largest group (KServe), against an empty file. The import script commits the
// classes as .js + .d.ts, so consumers parse declarations only and skipLibCheck skips them.
//   npx tsx bench/import-typecheck.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const dir = mkdtempSync(join(root, 'bench', '.tc-'));
const tsc = join(root, 'node_modules', '.bin', 'tsc');

function checkTime(source: string): { check: number; total: number } {
  const file = join(dir, 'probe.ts');
  writeFileSync(file, source);
  const out = execFileSync(tsc, ['--noEmit', '--extendedDiagnostics', '--strict', '--skipLibCheck', '--types', 'node', file], { encoding: 'utf8' });
  const seconds = (label: string) => Number(new RegExp(`${label}:\\s+([\\d.]+)s`).exec(out)?.[1]);
  return { check: seconds('Check time'), total: seconds('Total time') };
}

try {
  const runs = 3;
  for (const [label, source] of [
    ['empty file', 'export {};\n'],
    ['imports serving.kserve.io (InferenceService L1)', `import { InferenceService } from '${join(root, 'constructs', 'imports', 'serving.kserve.io')}';\nexport const gvk = InferenceService.GVK;\n`],
  ] as const) {
    const times = Array.from({ length: runs }, () => checkTime(source));
    const fmt = (k: 'check' | 'total') => times.map((t) => t[k].toFixed(2)).join(' / ');
    console.log(`${label}: check ${fmt('check')} s, total ${fmt('total')} s (${runs} runs)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
