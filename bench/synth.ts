// Synth at platform scale: our CLI (synth: build, validate, policies, write) against stock cdk8s
// (`app.synth()`) on the same construct tree (bench/synth-app.ts), in the same run, interleaved,
// each in a fresh process: medians of wall time and peak RSS, and the ratio. Prints figures;
// asserts nothing. The first row, the default stack, is the fixed cost of a run. Run
// `npm run build` first.
//   npx tsx bench/synth.ts [--runs 3] [--sizes 1000/20,5000/100,20000/400,5000/1,20000/1,20000/400/argocd]
// (objects/stacks, `/argocd`: the stacks delivered by Argo CD).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const LIB = ROOT.endsWith('lib') ? ROOT : join(ROOT, 'lib');
const APP = join(LIB, 'bench', 'synth-app.js');
const CLI = join(LIB, 'cli', 'main.js');

interface Sample { readonly seconds: number; readonly mb: number }

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Runs a command under GNU time in a fresh process; its wall time and peak RSS. */
function measure(args: string[], env: NodeJS.ProcessEnv): Sample {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 << 20 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(seconds)) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return { seconds, mb: kb / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const runs = Number(option('runs', '3'));
const sizes = option('sizes', '1000/20,5000/100,20000/400,5000/1,20000/1,20000/400/argocd').split(',').map((s) => s.split('/'));
const work = mkdtempSync(join(tmpdir(), 'bench-synth-'));

interface Workload {
  readonly label: string;
  readonly objects: number;
  readonly ours: (out: string) => string[];
  /** Stock cdk8s on the same tree; none for Argo CD delivery, whose computed fields make stock synth take minutes per thousand objects. */
  readonly stock?: (out: string) => string[];
  readonly env: NodeJS.ProcessEnv;
}
// The default stack (stacks/main.ts, ~70 objects): the fixed cost of a run. Stock cdk8s writes
// it where CDK8S_OUTDIR says.
const DEFAULT_APP = join(LIB, 'stacks', 'main.js');
const workloads: Workload[] = [
  { label: 'default stack', objects: 0, ours: (out) => [CLI, 'synth', '--app', DEFAULT_APP, '--out', out],
    stock: () => ['-e', `require(${JSON.stringify(DEFAULT_APP)}).buildApp().synth()`], env: {} },
  ...sizes.map(([o, st, delivery]): Workload => {
    const [objects, stacks] = [Number(o), Number(st)];
    return {
      label: `${objects.toLocaleString('en')} / ${stacks}${delivery ? ', Argo CD' : ''}`, objects,
      ours: (out) => [CLI, 'synth', '--app', APP, '--out', out], stock: delivery ? undefined : (out) => [APP, out],
      env: { BENCH_OBJECTS: String(objects), BENCH_PER_STACK: String(Math.ceil(objects / stacks)), BENCH_ARGOCD: delivery === 'argocd' ? '1' : '0' },
    };
  }),
];
const rows: string[] = [];
let fixed = 0;
try {
  for (const w of workloads) {
    const ours: Sample[] = [];
    const stock: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so both see the same machine load.
      const [o, s] = [join(work, `ours-${i}`), join(work, `stock-${i}`)];
      ours.push(measure(w.ours(o), w.env));
      if (w.stock) stock.push(measure(w.stock(s), { ...w.env, CDK8S_OUTDIR: s }));
      rmSync(o, { recursive: true, force: true });
      rmSync(s, { recursive: true, force: true });
    }
    const o = median(ours.map((x) => x.seconds));
    const s = stock.length ? median(stock.map((x) => x.seconds)) : undefined;
    if (!w.objects) fixed = o;
    // Per object beyond the fixed cost (the default stack's run): what grows with the platform.
    const perObject = w.objects ? `${((o - fixed) * 1e6 / w.objects).toFixed(0)} µs` : '–';
    const theirs = s === undefined ? '– | –' : `${s.toFixed(2)} s, ${median(stock.map((x) => x.mb)).toFixed(0)} MB | ${(s / o).toFixed(2)}×`;
    const row = `| ${w.label} | ${o.toFixed(2)} s, ${median(ours.map((x) => x.mb)).toFixed(0)} MB | ${theirs} | ${perObject} |`;
    rows.push(row);
    process.stderr.write(`${row}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`synth, medians of ${runs} (wall, peak RSS), each in a fresh process:\n`);
console.log('| objects / stacks | ours (CLI: synth + validate + policies + write) | stock cdk8s `app.synth()` | stock / ours (speed-up) | ours per object, beyond the fixed cost |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
