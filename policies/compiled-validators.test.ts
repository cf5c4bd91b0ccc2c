import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { Finding } from '../manifest';
import { CompiledValidators } from './compiled-validators';
import { compileJob, planPrecompile, writeManifest } from './precompile-validators';
import { packageSchemasDir } from './schema-dir';
import { SchemaValidator } from './schema-validator';

// Precompiles a few kinds of the package's schemas (the build does all of them) and checks that
// their standalone validators report exactly what validators compiled at run time report.
const KINDS = ['json/meta/v1/ObjectMeta.json', 'json/core/v1/ConfigMap.json', 'json/core/v1/PersistentVolumeClaim.json', 'json/kubeflow.org/v1/Notebook.json', 'json/kubeflow.org/v1/Profile.json', 'json/kubeflow.org/v1beta1/Experiment.json'];
let out: string;
let schemas: string;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'precompiled-'));
  fs.symlinkSync(path.resolve(__dirname, '..', 'node_modules'), path.join(out, 'node_modules')); // the modules require ajv's runtime
  schemas = packageSchemasDir();
  const { jobs, fingerprint } = planPrecompile(schemas, path.join(out, 'validators'));
  const picked = jobs.filter((j) => KINDS.includes(j.relative));
  expect(picked.map((j) => j.relative).sort()).toEqual([...KINDS].sort());
  writeManifest(path.join(out, 'validators'), { fingerprint, schemas: Object.fromEntries(picked.map((j) => [j.relative, compileJob(schemas, path.join(out, 'validators'), j)])) });
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
    const { jobs } = planPrecompile(schemas, path.join(out, 'validators'));
    expect(jobs.filter((j) => j.upToDate).map((j) => j.relative).sort()).toEqual([...KINDS].sort());
  });
});
