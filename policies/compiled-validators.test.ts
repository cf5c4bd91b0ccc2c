import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { Finding, RELEASE_PRESETS } from '../manifest';
import { CompiledValidators } from './compiled-validators';
import { compileJob, planPrecompile, writeManifest } from './precompile-validators';
import { packageSchemasDir, presetSchemasDir } from './schema-dir';
import { SchemaValidator } from './schema-validator';

// Precompiles a few kinds of the package's schemas (the build does all of them, of every
// preset) and checks that their standalone validators report exactly what validators compiled
// at run time report.
const KINDS = ['json/meta/v1/ObjectMeta.json', 'json/core/v1/ConfigMap.json', 'json/core/v1/PersistentVolumeClaim.json', 'json/kubeflow.org/v1/Notebook.json', 'json/kubeflow.org/v1/Profile.json', 'json/kubeflow.org/v1beta1/Experiment.json'];
let out: string;
let schemas: string;
const presets = Object.keys(RELEASE_PRESETS).sort().map((p) => presetSchemasDir(p));

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'precompiled-'));
  fs.symlinkSync(path.resolve(__dirname, '..', 'node_modules'), path.join(out, 'node_modules')); // the modules require ajv's runtime
  schemas = packageSchemasDir();
  const { jobs, fingerprint } = planPrecompile(presets, path.join(out, 'validators'));
  const picked = jobs.filter((j) => KINDS.includes(j.relative));
  writeManifest(path.join(out, 'validators'), { fingerprint, schemas: Object.fromEntries(picked.map((j) => [j.key, compileJob(path.join(out, 'validators'), j)])) });
}, 60_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const notebook = {
  apiVersion: 'kubeflow.org/v1', kind: 'Notebook', metadata: { name: 'nb', namespace: 'team-a' },
  spec: { template: { spec: { containers: [{ name: 'nb', image: 'jupyter', resources: { limits: { cpu: 2 } }, ports: [{ containerPort: 8888 }] }] } } },
  status: { readyReplicas: 'stale' },
};
const objects: [string, object][] = [
  ['a valid Notebook (its status ignored)', notebook],
  ['unknown fields, with did-you-mean', { ...notebook, spec: { templates: {} }, metadata: { name: 'nb', lables: {} } }],
  ['types, quantities and required fields', { ...notebook, spec: { template: { spec: { containers: [{ image: 'x', resources: { limits: { cpu: '2 cores' } }, ports: [{ containerPort: 'http' }] }] } } } }],
  ['int-or-string', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p' }, spec: { resources: { requests: { storage: ['10Gi'] } } } }],
  ['a ConfigMap with a status', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { a: 1 } }, data: { a: 2 }, status: {} }],
  ['an enum and a missing field (Profile)', { apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name: 't' }, spec: { owner: { kind: 'User' } } }],
  ['an OpenAPI-derived kind (Experiment)', { apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment', metadata: { name: 'e' }, spec: { objective: { type: 'maximise', goall: 1 }, maxTrialCount: '3' } }],
];

describe('precompiled validators', () => {
  test.each(objects)('report what run-time compiled ones report: %s', (_, object) => {
    const check = (v: SchemaValidator): Finding[] => v.validate({ file: 'x.yaml', object: object as never });
    const precompiled = check(new SchemaValidator({ precompiled: path.join(out, 'validators') }));
    expect(precompiled).toEqual(check(new SchemaValidator({ precompiled: false })));
  });

  test('are loaded instead of compiling', () => {
    const compile = jest.spyOn(Ajv.prototype, 'compile');
    try {
      const v = new SchemaValidator({ precompiled: path.join(out, 'validators') });
      expect(v.validate({ object: notebook as never })).toEqual([]);
      expect(compile).not.toHaveBeenCalled();
    } finally {
      compile.mockRestore();
    }
  });

  test('are used only for the exact schema they were compiled from', () => {
    const validators = CompiledValidators.open(path.join(out, 'validators'))!;
    const schema = path.join(schemas, 'json/core/v1/ConfigMap.json');
    expect(validators.get('json/core/v1/ConfigMap.json', schema)).toMatchObject({ hasStatus: false });
    const changed = path.join(out, 'ConfigMap.json');
    fs.writeFileSync(changed, `${fs.readFileSync(schema, 'utf8')}\n`);
    expect(validators.get('json/core/v1/ConfigMap.json', changed)).toBeUndefined();
    expect(validators.get('json/core/v1/Secret.json', path.join(schemas, 'json/core/v1/Secret.json'))).toBeUndefined();
    expect(CompiledValidators.open(path.join(out, 'nowhere'))).toBeUndefined();
  });

  test('a build after one keeps what is up to date', () => {
    const { jobs } = planPrecompile(presets, path.join(out, 'validators'));
    expect(jobs.filter((j) => j.upToDate).map((j) => j.key)).toEqual(jobs.filter((j) => KINDS.includes(j.relative)).map((j) => j.key));
  });

  test('compile a schema file the presets share once, and each version of one that differs', () => {
    const { jobs } = planPrecompile(presets, path.join(out, 'validators'));
    const copies = (relative: string) => jobs.filter((j) => j.files.some((f) => f.endsWith(`/${relative}`))).map((j) => [...j.files].sort());
    // Identical in both presets (same Profile CRD in dashboard 1.10.0 and 2.0.0, whose v1 and v1beta1 are the same schema): one job, four files.
    expect(copies('json/kubeflow.org/v1/Profile.json')).toEqual([Object.keys(RELEASE_PRESETS).sort().flatMap((p) => ['v1', 'v1beta1'].map((v) => `${p}/json/kubeflow.org/${v}/Profile.json`))]);
    // Trainer 2.2.0 and 2.3.0 differ: one job each.
    expect(copies('json/trainer.kubeflow.org/v1alpha1/TrainJob.json').sort()).toEqual(Object.keys(RELEASE_PRESETS).sort().map((p) => [`${p}/json/trainer.kubeflow.org/v1alpha1/TrainJob.json`]));
    const files = jobs.reduce((n, j) => n + j.files.length, 0);
    expect(jobs.length).toBeLessThan(files);
    expect(new Set(jobs.map((j) => j.module)).size).toBe(jobs.length);
  });

  test('a schema file of any folder with the bytes of a precompiled one gets its validator (a user\'s folder from the same CRDs)', () => {
    const validators = CompiledValidators.open(path.join(out, 'validators'))!;
    const copy = path.join(out, 'Profile.json');
    fs.copyFileSync(path.join(schemas, 'json/kubeflow.org/v1/Profile.json'), copy);
    expect(validators.get('json/kubeflow.org/v1/Profile.json', copy)).toMatchObject({ hasStatus: true });
  });

  test('writing the manifest removes modules it no longer names, and leftovers of older builds', () => {
    const dir = path.join(out, 'stale');
    fs.mkdirSync(path.join(dir, 'core', 'v1'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'core', 'v1', 'ConfigMap.js'), '');
    fs.writeFileSync(path.join(dir, 'kind-0.js'), '');
    fs.writeFileSync(path.join(dir, 'kind-1.js'), '');
    writeManifest(dir, { fingerprint: 'f', schemas: { 'kind-1': { module: 'kind-1.js', hasStatus: false, files: [] } } });
    expect(fs.readdirSync(dir).sort()).toEqual(['kind-1.js', 'manifest.js']);
  });
});
