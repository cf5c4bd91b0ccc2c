// Throughput of `diff` between two synthesized revisions of ~700 objects each, against
// `git diff --no-index` on the same folders, in the same run. Prints figures; asserts nothing.
//
//   npm run build && npx tsx bench/diff.ts [--tenants 33] [--notebooks 10] [--runs 7]
//
// Runs are interleaved (ours in-process, our CLI, git, ours, …) so that load from other
// processes hits all alike; figures are medians. git diff only compares text, line by line;
// ours also parses every object, matches them by identity, compares fields (quantities by
// value, lists by name), checks immutable fields, and runs every policy rule over both sides.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { compareFolders } from '../cli/diff';
import { diffJson } from '../cli/diff-json';
import { diffText } from '../cli/diff-text';
import { synthesize } from '../cli/synthesize';
import { Cpu, Gpu, Notebook, Size, Stack, Tenant } from '../constructs';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'lib', 'cli', 'main.js');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const TENANTS = option('--tenants', 33);
const NOTEBOOKS = option('--notebooks', 10);
const RUNS = option('--runs', 7);

/**
 * One revision of a platform: tenants with notebooks. The second revision gives every seventh
 * notebook more memory, drops the last tenant, adds another, and renames one notebook.
 */
function revision(second: boolean): App {
  const app = new App();
  const stack = new Stack(app, 'bench');
  const tenants = second ? [...Array(TENANTS - 1).keys(), TENANTS] : [...Array(TENANTS).keys()];
  for (const t of tenants) {
    const tenant = new Tenant(stack, `team-${t}`, { owner: `owner${t}@example.com`, quota: { cpu: Cpu.units(32), gpu: Gpu.nvidia(4) } });
    for (let n = 0; n < NOTEBOOKS; n++) {
      const memory = second && n % 7 === 0 ? Size.gibibytes(4) : Size.gibibytes(2);
      const id = second && t === 0 && n === NOTEBOOKS - 1 ? `t${t}-nb${n}-renamed` : `t${t}-nb${n}`;
      new Notebook(stack, id, { tenant, resources: { memory: { request: memory } } });
    }
  }
  return app;
}

function write(dir: string, app: App): number {
  const { files, findings } = synthesize(app);
  if (findings.length > 0) throw new Error(`the bench app does not synthesize: ${findings[0].message}`);
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return files.size;
}

function timed(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function run(cmd: string[], okCodes: number[]): number {
  return timed(() => {
    const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (!okCodes.includes(r.status ?? -1)) throw new Error(`${cmd.join(' ')} exited ${r.status}: ${r.stderr}`);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  if (!fs.existsSync(CLI)) throw new Error('lib/cli/main.js is missing: run `npm run build` first');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-diff-'));
  try {
    const [a, b] = [path.join(work, 'a'), path.join(work, 'b')];
    const sizes = [write(a, revision(false)), write(b, revision(true))];
    const report = compareFolders([a, b]);
    const json = diffJson(report);
    const objects = json.summary.added + json.summary.removed + json.summary.changed + json.summary.renamed + json.summary.unchanged;
    console.log(`revisions: ${sizes[0]} and ${sizes[1]} objects (${TENANTS} tenants × ${NOTEBOOKS} notebooks); ${objects} objects compared: `
      + `${json.summary.added} added, ${json.summary.removed} removed, ${json.summary.changed} changed, ${json.summary.renamed} renamed, ${json.summary.unchanged} unchanged`);
    console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${RUNS} interleaved runs, medians\n`);

    const contenders: [string, () => number][] = [
      ['ours in-process: read, diff, policies, text', () => timed(() => diffText(compareFolders([a, b]), false))],
      ['ours: cdk8s-kubeflow diff --output json (CLI)', () => run([process.execPath, CLI, 'diff', a, b, '--output', 'json'], [0])],
      ['ours: cdk8s-kubeflow diff --output markdown (CLI)', () => run([process.execPath, CLI, 'diff', a, b, '--output', 'markdown'], [0])],
      ['git diff --no-index', () => run(['git', 'diff', '--no-index', a, b], [1])],
    ];
    const times = new Map(contenders.map(([name]) => [name, [] as number[]]));
    for (let r = 0; r < RUNS; r++) for (const [name, fn] of contenders) times.get(name)!.push(fn());
    const git = median(times.get('git diff --no-index')!);
    console.log('                                                     median     objects/s   vs git diff');
    for (const [name, ms] of times) {
      const m = median(ms);
      console.log(`${name.padEnd(52)} ${`${m.toFixed(1)} ms`.padStart(9)} ${Math.round(objects / (m / 1000)).toString().padStart(12)} ${`${(m / git).toFixed(2)}×`.padStart(12)}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
