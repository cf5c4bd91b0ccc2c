import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SchemaFolderError } from './schema-validator';
import { validateFiles } from './validate-files';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-files-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const configMap = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}, namespace: team-a}\ndata:\n  index: "${i}"\n  text: |\n    ${'x'.repeat(i % 200)}\n`;
/** Every 50th object has a schema error, every 70th is of an unknown kind, every 90th does not parse. */
const mixed = (i: number) => (i % 90 === 0 ? 'kind: [\n' : i % 70 === 0 ? `apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g-${i}}\n` : i % 50 === 0 ? configMap(i).replace('\ndata:', '\ndta:') : configMap(i));

describe('validateFiles', () => {
  test('counts and findings like the validate command, in input order', async () => {
    const file = path.join(dir, 'm.yaml');
    fs.writeFileSync(file, Array.from({ length: 200 }, (_, i) => mixed(i + 1)).join('---\n'));
    const r = await validateFiles([file], { threads: 0, precompiled: false, keepValid: true });
    expect(r.counts).toEqual({ objects: 198, valid: 192, invalid: 4, notValidated: 2, unparsed: 2 });
    expect(r.findings.map((f) => `${f.resource} ${f.rule}`).slice(0, 3)).toEqual(['v1 ConfigMap team-a/cm-50 schema', 'example.com/v1 Gadget g-70 schema/unknown-kind', 'document 90 load/parse']);
    expect(r.valid).toHaveLength(192 + 2); // without errors: valid, and not validated
  });

  test('worker threads give the same result, in the same order', async () => {
    for (const n of [0, 1, 2]) fs.writeFileSync(path.join(dir, `part-${n}.yaml`), Array.from({ length: 700 }, (_, i) => mixed(n * 1000 + i + 1)).join('---\n'));
    fs.writeFileSync(path.join(dir, 'z.json'), '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "json"}, "dta": {}}');
    const alone = await validateFiles([dir], { threads: 0, precompiled: false, keepValid: true });
    const threaded = await validateFiles([dir], { threads: 2, threadsFromBytes: 50_000, precompiled: false, keepValid: true });
    expect(threaded.counts).toEqual(alone.counts);
    expect(threaded.findings).toEqual(alone.findings);
    expect(threaded.valid).toEqual(alone.valid);
    expect(alone.findings.at(-1)).toMatchObject({ file: path.join(dir, 'z.json'), path: '.dta' });
  });

  test('kfp\'s pipeline IR is validated, read as KFP reads it, and never kept for a server dry run', async () => {
    const file = path.join(dir, 'pipeline.yaml');
    // kfp leaves `n` unquoted: YAML 1.1 (kubectl's) would read it as false, not the input named n.
    const ir = 'pipelineInfo: {name: p}\nroot:\n  dag:\n    tasks:\n      t:\n        componentRef: {name: comp-t}\n        inputs: {parameters: {n: {componentInputParameter: n}}}\n  inputDefinitions: {parameters: {n: {parameterType: NUMBER_INTEGER}}}\ncomponents:\n  comp-t:\n    executorLabel: exec-t\n    inputDefinitions: {parameters: {n: {parameterType: NUMBER_INTEGER}}}\ndeploymentSpec: {executors: {exec-t: {container: {image: busybox}}}}\nschemaVersion: 2.1.0\n';
    const platform = 'platforms: {kubernetes: {deploymentSpec: {executors: {exec-t: {nodeSelector: {labels: {gpu: a100}}}}}}}\n';
    fs.writeFileSync(file, `${ir}---\n${platform}---\n${configMap(1)}`);
    const r = await validateFiles([file], { threads: 0, precompiled: false, keepValid: true, keepObjects: true });
    expect(r.findings).toEqual([]);
    expect(r.counts).toEqual({ objects: 3, valid: 3, invalid: 0, notValidated: 0, unparsed: 0 });
    expect(((r.objects[0].object.root as any).dag.tasks.t.inputs.parameters.n.componentInputParameter)).toBe('n');
    expect(r.valid.map((s) => s.object.kind)).toEqual(['ConfigMap']);
  });

  test('a broken schemas folder fails the same way from a worker thread', async () => {
    fs.mkdirSync(path.join(dir, 'schemas/json/v1'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'schemas/index.json'), JSON.stringify({ 'v1/ConfigMap': { schema: 'json/v1/ConfigMap.json' } }));
    fs.writeFileSync(path.join(dir, 'schemas/json/v1/ConfigMap.json'), '{ "type": ');
    const file = path.join(dir, 'm.yaml');
    fs.writeFileSync(file, Array.from({ length: 300 }, (_, i) => configMap(i)).join('---\n'));
    await expect(validateFiles([file], { schemas: path.join(dir, 'schemas'), threads: 2, threadsFromBytes: 1000 })).rejects.toThrow(SchemaFolderError);
  });

  test('a 50 MB multi-document file is validated in bounded memory (peak RSS under 500 MB)', () => {
    const file = path.join(dir, 'big.yaml');
    const out = fs.openSync(file, 'w');
    let size = 0;
    for (let i = 0; size < 50 << 20; i++) {
      const doc = `${configMap(i)}---\n`;
      fs.writeSync(out, doc);
      size += doc.length;
    }
    fs.closeSync(out);
    // A child process, so that its peak RSS (VmHWM) is of the validation alone.
    const script = `
      const { validateFiles } = require(${JSON.stringify(path.join(__dirname, 'validate-files.ts'))});
      validateFiles([${JSON.stringify(file)}], { threads: 0, precompiled: false }).then((r) => {
        const peak = Number(/VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
        process.stdout.write(JSON.stringify({ counts: r.counts, findings: r.findings.length, peak }));
      });`;
    const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const { counts, findings, peak } = JSON.parse(r.stdout) as { counts: { objects: number; valid: number }; findings: number; peak: number };
    expect(counts.objects).toBeGreaterThan(200_000);
    expect(counts.valid).toBe(counts.objects);
    expect(findings).toBe(0);
    expect(peak).toBeLessThan(500 << 20);
  }, 60_000);
});
