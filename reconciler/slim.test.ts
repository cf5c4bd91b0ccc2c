import { assessHealth, HEALTH_MODELS } from '../health';
import { evaluate } from '../health/evaluate';
import { allFixtures } from '../health/fixtures';
import { PROBE, PROBE_CASES } from '../health/language';
import { Manifest } from '../manifest';
import { progressOf } from './progress';
import { BASE_FIELDS, fieldsOf, fieldsOfModel, projection, slim } from './slim';
import { allTestdata, fixture } from './testdata';

const size = (o: unknown) => JSON.stringify(o).length;

describe('slim', () => {
  const health = allFixtures();

  test('covers every fixture of every health model', () => {
    expect(new Set(health.map((h) => h.model)).size).toBe(HEALTH_MODELS.length);
  });

  test.each(health.map((h) => [h.fixture.file, h.fixture] as const))('health and progress of %s are the same slim', (_file, f) => {
    expect(assessHealth(slim(f.object))).toEqual(f.expected);
    expect(assessHealth(slim(f.object))).toEqual(assessHealth(f.object));
    expect(progressOf(slim(f.object))).toEqual(progressOf(f.object));
  });

  test.each(allTestdata().map((t) => [t.file, t.object] as const))('reconciler/testdata/%s: the same health and progress slim', (_file, o) => {
    expect(assessHealth(slim(o))).toEqual(assessHealth(o));
    expect(progressOf(slim(o))).toEqual(progressOf(o));
    expect(progressOf(o)).toBeDefined();
  });

  test('the walker finds every field of every predicate and message form (the language probe)', () => {
    const probe = projection([...BASE_FIELDS, ...fieldsOfModel(PROBE)]);
    for (const c of PROBE_CASES) expect(evaluate(PROBE, probe(c.object))).toEqual({ status: c.status, message: c.message });
  });

  test('keeps identity, sync and deletion metadata; drops managedFields, last-applied, pod templates, label selectors of other kinds', () => {
    const job = fixture('pytorchjob-running.yaml');
    const s = slim(job);
    expect(s).toEqual({
      apiVersion: 'kubeflow.org/v1',
      kind: 'PyTorchJob',
      metadata: {
        name: 'mnist', namespace: 'team-a', uid: '6a1f0d2e-1111-4c1e-9a57-2f6c0a1b0001', generation: 1, resourceVersion: '48213',
        labels: { 'cdk8s-kubeflow.io/stack': 'dev' },
        annotations: { 'cdk8s-kubeflow.io/content-hash': 'sha256:1111111111111111111111111111111111111111111111111111111111111111' },
      },
      status: {
        conditions: [
          { type: 'Created', status: 'True', reason: 'PyTorchJobCreated', message: 'PyTorchJob mnist is created.' },
          { type: 'Running', status: 'True', reason: 'PyTorchJobRunning', message: 'PyTorchJob team-a/mnist is running.' },
        ],
        replicaStatuses: { Master: { active: 1 }, Worker: { active: 3 } },
        startTime: '2026-11-20T10:00:05Z',
      },
    });
    expect(size(s)).toBeLessThan(size(job) / 2);
  });

  test('an object being deleted keeps its deletionTimestamp and finalizers (only strings)', () => {
    const o: Manifest = { apiVersion: 'kubeflow.org/v1', kind: 'Profile', metadata: { name: 'a', deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['profile-finalizer', 7 as unknown as string] } };
    expect(slim(o).metadata).toEqual({ name: 'a', deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['profile-finalizer'] });
    expect(assessHealth(slim(o))).toEqual(assessHealth(o));
  });

  test('a status with none of the fields read stays present (a model tests `absent: status`)', () => {
    const o: Manifest = { apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: { name: 'm' }, status: { somethingElse: { big: 'x'.repeat(1000) } } };
    expect(slim(o).status).toEqual({});
    expect(assessHealth(slim(o))).toEqual(assessHealth(o));
  });

  test('a kind without a health model or progress keeps only the base metadata', () => {
    const o: Manifest = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labels: { a: 'b' } }, spec: { x: 1 }, status: { y: 2 } };
    expect(slim(o)).toEqual({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    expect(fieldsOf(o)).toEqual(BASE_FIELDS);
  });

  test('reads the fields of a health model from its rules: annotations, conditions, and both sides of comparisons', () => {
    const isvc = HEALTH_MODELS.find((m) => m.kind === 'InferenceService')!;
    const paths = fieldsOfModel(isvc).map((f) => `${f.path.join('.')}:${f.use}`);
    expect(paths).toEqual(expect.arrayContaining([
      'metadata.annotations.serving.kserve.io/stop:scalar',
      'status.conditions:conditions',
      'status:present',
      'spec.predictor.canaryTrafficPercent:scalar',
      'status.components.predictor.latestReadyRevision:scalar',
      'status.components.predictor.latestRolledoutRevision:scalar',
      'metadata.generation:scalar',
    ]));
  });

  test('never throws, whatever the object holds', () => {
    for (const junk of [{}, { apiVersion: 7, kind: null }, { apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', metadata: [], status: 'x' },
      { apiVersion: 'kubeflow.org/v1', kind: 'PyTorchJob', status: { conditions: [null, 7, 'x', [], { type: { no: 1 } }], replicaStatuses: null } },
      { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', spec: null, status: { components: 'x' } }]) {
      const o = junk as unknown as Manifest;
      expect(() => slim(o)).not.toThrow();
      if (typeof o.apiVersion === 'string') expect(assessHealth(slim(o))).toEqual(assessHealth(o));
    }
  });
});
