// Throughput and cold start of `validate`, against kubeconform -strict on the same input and
// equivalent schemas, in the same run. Prints figures; asserts nothing.
//
//   npm run build && npx tsx bench/validate.ts [--mb 12] [--runs 3] [--cpu-prof]
//
// kubeconform is built once per user from the Go module proxy (scripts/go-tool.sh kubeconform, needs Go).
// Runs are interleaved (ours, kubeconform, ours, …) so that load from other processes hits
// both alike; figures are medians. Peak RSS comes from /usr/bin/time (apt-get install time),
// cold starts from hyperfine when installed, else from 10 interleaved runs.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_RELEASE } from '../manifest';
import { prepareSchemaFile } from '../policies/schema-compiler';
import { INDEX_FILE, isDocumentKey, OBJECT_META_FILE, SchemaIndex } from '../policies/schemagen/layout';
import { JsonObject } from '../policies/schemagen/stable-json';

const ROOT = path.resolve(__dirname, '..');
const SCHEMAS = path.join(ROOT, 'schemas', DEFAULT_RELEASE);
const CLI = path.join(ROOT, 'lib', 'cli', 'main.js');
const LIBRARY = path.join(ROOT, 'lib', 'policies', 'validate-files.js');

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const MEGABYTES = option('--mb', 12);
const RUNS = option('--runs', 3);

interface Run { readonly ms: number; readonly rssMb?: number; readonly stdout: string }

function main(): void {
  for (const f of [CLI, LIBRARY, path.join(ROOT, 'lib', 'policies', 'precompiled', 'manifest.js')]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run \`npm run build\` first`);
  }
  const kubeconform = execFileSync('bash', [path.join(ROOT, 'scripts', 'go-tool.sh'), 'kubeconform'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-validate-'));
  try {
    const layout = writeKubeconformSchemas(path.join(work, 'kubeconform-schemas'));
    const kc = (file: string) => [kubeconform, '-strict', '-ignore-missing-schemas', '-summary', '-schema-location', layout, file];
    const ours = (file: string) => [process.execPath, CLI, 'validate', file];
    const library = (file: string, options: object) => [process.execPath, '-e',
      `require(${JSON.stringify(LIBRARY)}).validateFiles([${JSON.stringify(file)}], ${JSON.stringify(options)}).then((r) => console.log(JSON.stringify(r.counts)))`];

    sameVerdicts(work, ours, kc);

    const input = path.join(work, 'input.yaml');
    const { objects, bytes } = writeInput(input, MEGABYTES << 20);
    console.log(`input: ${(bytes / 1e6).toFixed(1)} MB, ${objects} objects (dist/ copies, core kinds, the CRDs of schemas/${DEFAULT_RELEASE}/crds); ${RUNS} interleaved runs, medians`);
    console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const contenders: [string, string[]][] = [
      ['ours: validate (CLI)', ours(input)],
      ['ours: validateFiles (default)', library(input, {})],
      ['ours: validateFiles, 1 thread', library(input, { threads: 0 })],
      [`ours: validateFiles, ${os.availableParallelism()} workers`, library(input, { threads: os.availableParallelism(), threadsFromBytes: 0 })],
      ['kubeconform -strict', kc(input)],
    ];
    const results = new Map<string, Run[]>(contenders.map(([name]) => [name, []]));
    for (let r = 0; r < RUNS; r++) for (const [name, cmd] of contenders) results.get(name)!.push(run(cmd));
    console.log('\nthroughput                             wall       objects/s   peak RSS');
    const kcMs = median(results.get('kubeconform -strict')!.map((r) => r.ms));
    for (const [name, runs] of results) {
      const ms = median(runs.map((r) => r.ms));
      const rss = runs.every((r) => r.rssMb !== undefined) ? `${median(runs.map((r) => r.rssMb!)).toFixed(0)} MB` : 'n/a';
      console.log(`  ${name.padEnd(36)} ${`${ms.toFixed(0)} ms`.padStart(9)} ${Math.round(objects / (ms / 1000)).toString().padStart(11)}   ${rss.padStart(7)}   ${(kcMs / ms).toFixed(1)}× kubeconform`);
    }

    const small = path.join(work, 'small.yaml');
    fs.copyFileSync(path.join(ROOT, 'dist', 'dev', 'ml-research', 'inferenceservice-resnet.yaml'), small);
    const tiny = path.join(work, 'configmap.yaml');
    fs.writeFileSync(tiny, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: b}\ndata: {a: b}\n');
    console.log('\ncold start (one small file)            median');
    for (const [name, ms] of coldStarts([
      ['ours: validate InferenceService', ours(small)], ['ours: validateFiles, no CLI', library(small, {})], ['kubeconform: InferenceService', kc(small)],
      ['ours: validate ConfigMap', ours(tiny)], ['kubeconform: ConfigMap', kc(tiny)], ['node -e 0 (floor)', [process.execPath, '-e', '0']],
    ])) console.log(`  ${name.padEnd(36)} ${`${ms.toFixed(0)} ms`.padStart(9)}`);

    if (args.includes('--cpu-prof')) profile(work, ours(input));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Our schemas in kubeconform's layout (`<group>/<version>/<kind>.json`, template below), made
 * as strict as ours: the same prepareSchema output, with ObjectMeta inlined as `metadata`
 * (we check it apart) and `status` left open (we ignore it).
 */
function writeKubeconformSchemas(out: string): string {
  const index = JSON.parse(fs.readFileSync(path.join(SCHEMAS, INDEX_FILE), 'utf8')) as SchemaIndex;
  const read = (relative: string) => prepareSchemaFile(relative, JSON.parse(fs.readFileSync(path.join(SCHEMAS, relative), 'utf8')) as JsonObject);
  const { definitions: metaDefinitions = {}, ...objectMeta } = read(OBJECT_META_FILE);
  const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
  for (const [key, entry] of Object.entries(index)) {
    if (isDocumentKey(key)) continue; // kfp's pipeline IR: not a Kubernetes kind, kubeconform has no place for it
    const schema = read(entry.schema);
    schema.$schema = 'http://json-schema.org/draft-07/schema#';
    schema.definitions = { ...(schema.definitions as JsonObject | undefined), ...(metaDefinitions as JsonObject), [META]: objectMeta };
    const properties = schema.properties as JsonObject | undefined;
    if (properties) {
      properties.metadata = { $ref: `#/definitions/${META}` };
      if ('status' in properties) properties.status = {};
    }
    const parts = key.split('/');
    const kind = parts.pop()!.toLowerCase();
    const version = parts.pop()!;
    const file = path.join(out, parts[0] ?? version, version, `${kind}.json`); // the core group is named after its version, as kubeconform's Group is
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(schema));
  }
  return `${out}/{{ .Group }}/{{ .ResourceAPIVersion }}/{{ .ResourceKind }}.json`;
}

/** Both find the same problems in a small sample: the schemas are equivalent. */
function sameVerdicts(work: string, ours: (f: string) => string[], kc: (f: string) => string[]): void {
  const sample = path.join(work, 'sample.yaml');
  const notebook = fs.readFileSync(path.join(ROOT, 'dist', 'dev', 'ml-research', 'notebook-gpu-lab.yaml'), 'utf8');
  const broken = [notebook.replace('        - image:', '        - imagePullPolice: Always\n          image:'), notebook.replace(/cpu: "8"/, 'cpu: 2 cores')];
  if (broken.some((b) => b === notebook)) throw new Error('the equivalence sample no longer breaks dist/dev/ml-research/notebook-gpu-lab.yaml: update bench/validate.ts');
  fs.writeFileSync(sample, [notebook, ...broken].join('---\n'));
  const oursInvalid = /(\d+) invalid/.exec(run(ours(sample)).stdout)?.[1];
  const kcInvalid = /Invalid: (\d+)/.exec(run(kc(sample)).stdout)?.[1];
  console.log(`equivalence check (1 valid Notebook, 1 unknown field, 1 bad quantity): ours ${oursInvalid} invalid, kubeconform ${kcInvalid} invalid`);
}

/** A realistic mix: copies of every dist/ object with varied names and namespaces, core kinds, and every CRD of the default preset's schemas once. */
function writeInput(file: string, target: number): { objects: number; bytes: number } {
  const out = fs.openSync(file, 'w');
  let bytes = 0;
  let objects = 0;
  const write = (doc: string) => {
    const text = `${doc.endsWith('\n') ? doc : `${doc}\n`}---\n`;
    fs.writeSync(out, text);
    bytes += Buffer.byteLength(text);
    objects++;
  };
  for (const f of walk(path.join(SCHEMAS, 'crds'))) write(fs.readFileSync(f, 'utf8').replace(/^---\n/, ''));
  const dist = walk(path.join(ROOT, 'dist')).map((f) => fs.readFileSync(f, 'utf8'));
  for (let copy = 0; bytes < target; copy++) {
    // Each copy is another tenant's platform: its own names and namespaces, as rules that look across objects see a real set.
    for (const doc of dist) write(doc.replace(/^( {2}name: )(\S+)$/m, `$1$2-c${copy}`).replace(/^(\s*namespace: )(\S+)$/gm, `$1$2-c${copy}`));
    write(deployment(copy));
    write(`apiVersion: v1\nkind: Service\nmetadata:\n  name: web-${copy}\n  namespace: team-${copy % 7}\nspec:\n  selector: {app: web-${copy}}\n  ports:\n  - {name: http, port: 80, targetPort: 8080, protocol: TCP}\n`);
    write(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${copy}\n  namespace: team-${copy % 7}\ndata:\n  config.yaml: |\n    replicas: ${copy % 5}\n    debug: false\n`);
  }
  fs.closeSync(out);
  return { objects, bytes };
}

function deployment(n: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${n}
  namespace: team-${n % 7}
  labels: {app: web-${n}, tier: frontend}
spec:
  replicas: ${1 + (n % 3)}
  selector:
    matchLabels: {app: web-${n}}
  template:
    metadata:
      labels: {app: web-${n}}
    spec:
      containers:
      - name: web
        image: ghcr.io/example/web:1.${n % 10}.0
        ports:
        - containerPort: 8080
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {cpu: "1", memory: 256Mi}
        readinessProbe:
          httpGet: {path: /healthz, port: 8080}
`;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** Wall time, and peak RSS through /usr/bin/time when it is installed. */
function run(cmd: string[]): Run {
  const timed = fs.existsSync('/usr/bin/time');
  const [exe, ...rest] = timed ? ['/usr/bin/time', '-f', 'peak-rss-kb %M', ...cmd] : cmd;
  const started = process.hrtime.bigint();
  const r = spawnSync(exe, rest, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.error) throw r.error;
  const rss = /peak-rss-kb (\d+)/.exec(r.stderr)?.[1];
  return { ms, rssMb: rss ? Number(rss) / 1024 : undefined, stdout: r.stdout };
}

/** Median cold-start time of each command: hyperfine when installed, else 10 interleaved runs. */
function coldStarts(commands: [string, string[]][]): [string, number][] {
  const hyperfine = spawnSync('hyperfine', ['--version']).status === 0;
  if (hyperfine) {
    const json = path.join(os.tmpdir(), `bench-hyperfine-${process.pid}.json`);
    const quote = (c: string[]) => c.map((a) => (/^[\w./:=-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ');
    execFileSync('hyperfine', ['-N', '--warmup', '2', '--runs', '10', '-i', '--export-json', json, ...commands.map(([, c]) => quote(c))], { stdio: 'ignore' });
    const results = (JSON.parse(fs.readFileSync(json, 'utf8')) as { results: { median: number }[] }).results;
    fs.rmSync(json);
    return commands.map(([name], i) => [name, results[i].median * 1000]);
  }
  const times = commands.map((): number[] => []);
  for (let i = 0; i < 10; i++) commands.forEach(([, cmd], c) => times[c].push(run(cmd).ms));
  return commands.map(([name], c) => [name, median(times[c])]);
}

/** Where our time goes on the big input: the functions with the most self time (node --cpu-prof). */
function profile(work: string, cmd: string[]): void {
  const dir = path.join(work, 'profile');
  spawnSync(cmd[0], ['--cpu-prof', '--cpu-prof-dir', dir, ...cmd.slice(1)], { stdio: 'ignore' });
  const file = path.join(dir, fs.readdirSync(dir)[0]);
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  prof.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const key = `${functionName || '(anonymous)'} ${path.relative(ROOT, url.replace('file://', '')) || url}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (prof.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`\nprofile of \`validate\` on the input (${(total / 1000).toFixed(0)} ms sampled), by self time:`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

main();
