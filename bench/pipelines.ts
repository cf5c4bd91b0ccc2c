// Compiling pipelines: our compiler against the real kfp compiler (2.17, Python) on the same
// pipelines (the twins of constructs/pipelines/testdata/twins), same run. Prints medians of N
// compilations per pipeline and the ratio; asserts nothing. Both include writing the YAML
// (kfp's `Compiler.compile` writes a file; ours stringifies the documents).
//   npx tsx bench/pipelines.ts [N=20]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { compilePipeline } from '../constructs/pipelines/compile';
import { kfpPython } from '../test/kfp';

const N = Number(process.argv[2] ?? 20);
const TWINS = path.join(__dirname, '../constructs/pipelines/testdata/twins');
const names = fs.readdirSync(TWINS).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pipelines-'));
const kfp: Record<string, number[]> = JSON.parse(execFileSync(kfpPython(), [
  path.join(__dirname, '../tools/kfp/compile_twins.py'), '--repeat', String(N), out, ...names.map((n) => path.join(TWINS, `${n}.py`)),
], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!);
fs.rmSync(out, { recursive: true, force: true });

async function main(): Promise<void> {
console.log(`compile, median of ${N} (ms)   ours     kfp 2.17   kfp/ours`);
for (const name of names) {
  const { pipeline } = await import(path.join(TWINS, name));
  const compile = () => {
    const { pipelineSpec, platformSpec } = compilePipeline(pipeline);
    return stringify(pipelineSpec) + (platformSpec ? `---\n${stringify(platformSpec)}` : '');
  };
  compile(); // warm-up, as kfp's first compilation is outside its timings
  const ours: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = process.hrtime.bigint();
    compile();
    ours.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const [o, k] = [median(ours), median(kfp[name])];
  console.log(`  ${name.padEnd(26)} ${o.toFixed(2).padStart(7)}  ${k.toFixed(2).padStart(9)}  ${(k / o).toFixed(1).padStart(7)}×`);
}
}

void main();
