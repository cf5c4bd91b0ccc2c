import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RELEASE_PRESETS } from '../manifest';
import { KubeflowValidation, KubeflowValidationProps } from './cdk8s-plugin';

// The plugin as cdk8s-cli runs it: unit tests through a recording context, and the real
// `cdk8s synth` (cdk8s-cli from npm) of a stock cdk8s app, loading the compiled plugin.
const ROOT = join(__dirname, '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdk8s-plugin-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const container = (image: string) => ({ name: 'pytorch', image, resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } } });
const pytorchJob = (masterReplicas: number, image = 'pytorch/pytorch:2.4.0') => ({
  apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'train', namespace: 'ml' },
  spec: { pytorchReplicaSpecs: { Master: { replicas: masterReplicas, template: { spec: { containers: [container(image)] } } } } },
});

function manifest(name: string, ...objects: object[]): string {
  const file = join(dir, name);
  writeFileSync(file, objects.map((o) => JSON.stringify(o)).join('\n---\n'));
  return file;
}

async function run(props: KubeflowValidationProps, ...manifests: string[]) {
  const violations: { ruleName: string; recommendation: string; fix: string; violatingResources: readonly object[] }[] = [];
  let submitted: { status: string; metadata?: Readonly<Record<string, string>> } | undefined;
  await new KubeflowValidation(props).validate({
    manifests,
    report: { addViolation: (v) => violations.push(v), submit: (status, metadata) => { submitted = { status, metadata }; } },
    logger: { log: () => undefined },
  });
  return { violations, submitted };
}

describe('KubeflowValidation (cdk8s validation plugin)', () => {
  test('every finding is a violation naming rule, object, JSON path, message and fix; an error fails', async () => {
    const file = manifest('bad.yaml', pytorchJob(2));
    const { violations, submitted } = await run({}, file);
    expect(violations).toEqual([{
      ruleName: 'training-operator/master-replicas (error)',
      recommendation: 'must be 1, got 2: the operator runs exactly one Master',
      fix: 'set replicas: 1, and add capacity through the workers',
      violatingResources: [{ resourceName: 'train', locations: ['.spec.pytorchReplicaSpecs.Master.replicas'], manifestPath: file }],
    }]);
    expect(submitted).toEqual({ status: 'failure', metadata: { objects: '1', errors: '1', warnings: '0' } });
  });

  test('a valid set succeeds; a policy file turns on platform rules; failOn warning fails on warnings', async () => {
    const file = manifest('ok.yaml', pytorchJob(1, 'pytorch/pytorch'));
    expect((await run({}, file)).submitted?.status).toBe('success');
    const policies = join(dir, 'policies.yaml');
    writeFileSync(policies, 'rules:\n  platform/image-pinned: warning\n');
    const pinned = await run({ policies }, file);
    expect(pinned.violations.map((v) => v.ruleName)).toEqual(['platform/image-pinned (warning)']);
    expect(pinned.submitted?.status).toBe('success');
    expect((await run({ policies, failOn: 'warning' }, file)).submitted?.status).toBe('failure');
  });

  test('properties.release picks the schemas, as validate --release: a field only KServe 0.20 has passes with newest only', async () => {
    const file = manifest('isvc.yaml', {
      apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'm', namespace: 'ml' },
      spec: { predictor: { storageContainerName: 's3-puller', model: { modelFormat: { name: 'sklearn' }, storageUri: 's3://b/m' } } },
    });
    expect((await run({ release: 'newest' }, file)).violations).toEqual([]);
    const platform = await run({}, file);
    expect(platform.violations.map((v) => `${v.ruleName}: ${v.recommendation}`)).toEqual(['schema (error): unknown field "storageContainerName"']);
    expect(platform.submitted?.status).toBe('failure');
  });

  test.each<[string, KubeflowValidationProps, RegExp]>([
    ['a missing policy file', { policies: '/no/such/policies.yaml' }, /properties\.policies: \/no\/such\/policies\.yaml: cannot read it \(ENOENT\)/],
    ['a broken policy file', { policies: 'BROKEN' }, /properties\.policies: .*: \.rules\["a"\]: "fatal" is not a setting/],
    ['a release folder that does not exist', { release: '/no/such/schemas' }, /properties\.release \/no\/such\/schemas: no such folder; pass a preset/],
    ['an unknown release', { release: 'newset' }, /properties\.release newset: no such preset \(did you mean newest\?\)/],
    ['a release folder without schemas', { release: 'EMPTY' }, /properties\.release .*: .*index\.json not found/],
    ['a wrong failOn', { failOn: 'fatal' as never }, /properties\.failOn is "fatal"/],
  ])('%s is a violation that fails synth, not an exception', async (_what, props, message) => {
    if (props.policies === 'BROKEN') writeFileSync((props = { policies: join(dir, 'broken.yaml') }).policies!, 'rules:\n  a: fatal\n');
    if (props.release === 'EMPTY') {
      props = { release: join(dir, 'empty-release') };
      mkdirSync(props.release!);
      writeFileSync(join(props.release!, 'release.json'), JSON.stringify(RELEASE_PRESETS.newest));
    }
    const { violations, submitted } = await run(props, manifest('any.yaml', pytorchJob(1)));
    expect(violations).toHaveLength(1);
    expect(violations[0].recommendation).toMatch(message);
    expect(submitted?.status).toBe('failure');
  });

  test('`cdk8s synth` of a stock cdk8s app runs it from cdk8s.yaml, with construct paths, and fails', () => {
    writeFileSync(join(dir, 'main.js'), `
      const { App, Chart, ApiObject } = require('cdk8s');
      const app = new App();
      new ApiObject(new Chart(app, 'training'), 'job', ${JSON.stringify(pytorchJob(2))});
      app.synth();
    `);
    writeFileSync(join(dir, 'cdk8s.yaml'), [
      'language: typescript', 'app: node main.js', 'validations:',
      `  - package: ${join(ROOT, 'lib', 'policies', 'cdk8s-plugin.js')}`, '    version: 0.1.0', '    class: KubeflowValidation',
    ].join('\n'));
    const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2); // cdk8s-cli's exit code for a failed validation
    expect(r.stdout).toContain('training-operator/master-replicas (error)');
    expect(r.stdout).toContain('- Construct Path: training/job');
    expect(r.stdout).toContain('> .spec.pytorchReplicaSpecs.Master.replicas');
    expect(r.stderr).toContain('Validation failed');
  });
});
