import { Duration } from 'cdk8s';
import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { EnvValue, Release, SeccompProfile, Volume } from '../core';
import { NprocPerNode } from './pytorch-job';
import { RuntimePatchProps } from './runtime-patch';
import { TrainJob, TrainJobProps } from './train-job';
import { ClusterTrainingRuntime } from './training-runtime';

/** A stack whose platform runs Kubeflow Trainer `trainer` (the default release runs 2.2.0). */
const trainerAt = (trainer: string) => testStack({ namespace: 'team', release: Release.KUBEFLOW_PLATFORM_2026_04.withComponents({ trainer }) });

const data = Volume.fromPersistentVolumeClaim('team-data');
const patch: RuntimePatchProps = {
  steps: ['node'],
  serviceAccountName: 'trainer-sa',
  nodeSelector: { 'nvidia.com/gpu.product': 'H100' },
  tolerations: [{ key: 'dedicated', value: 'training', effect: 'NoSchedule' }],
  schedulingGates: ['example.com/quota'],
  containers: { 'metrics-agent': { env: { PORT: '9100', TOKEN: EnvValue.fromSecret('agent', 'token') }, mounts: [{ volume: data, path: '/data', readOnly: true }] } },
};

function job(stack: ReturnType<typeof testStack>, props: Partial<TrainJobProps>) {
  return new TrainJob(stack, 'Finetune', { runtime: ClusterTrainingRuntime.fromName(stack, 'Torch', 'torch-distributed'), ...props });
}

describe('TrainJob runtime patches', () => {
  test('Trainer 2.2.0 and later: one runtimePatches entry, owned by the job\'s manager, a replicated job per step; schema-valid', () => {
    for (const stack of [testStack(), testStack({ namespace: 'team', release: Release.NEWEST })]) {
      job(stack, { runtimePatches: [patch, { steps: ['dataset-initializer', 'model-initializer'], labels: { team: 'nlp' }, annotations: { note: 'x' }, imagePullSecrets: ['registry'] }] });
      const spec = manifest(stack, 'TrainJob').spec;
      expect(spec.podTemplateOverrides).toBeUndefined();
      expect(spec.runtimePatches).toEqual([{
        manager: 'cdk8s-kubeflow.io/trainjob',
        trainingRuntimeSpec: { template: { spec: { replicatedJobs: [
          { name: 'node', template: { spec: { template: { spec: {
            serviceAccountName: 'trainer-sa',
            nodeSelector: { 'nvidia.com/gpu.product': 'H100' },
            tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'training', effect: 'NoSchedule' }],
            schedulingGates: [{ name: 'example.com/quota' }],
            volumes: [{ name: 'team-data', persistentVolumeClaim: { claimName: 'team-data' } }],
            containers: [{
              name: 'metrics-agent',
              env: [{ name: 'PORT', value: '9100' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'agent', key: 'token' } } }],
              volumeMounts: [{ name: 'team-data', mountPath: '/data', readOnly: true }],
            }],
          } } } } },
          ...['dataset-initializer', 'model-initializer'].map((name) => ({ name, template: { spec: { template: {
            metadata: { labels: { team: 'nlp' }, annotations: { note: 'x' } },
            spec: { imagePullSecrets: [{ name: 'registry' }] },
          } } } })),
        ] } } },
      }]);
      expectSchemaValid(stack);
    }
  });

  test('a manager of one\'s own; security contexts (2.2.0) and the grace period (2.3.0)', () => {
    // The newest preset: Trainer 2.3.0 and its schemas.
    const stack = testStack({ namespace: 'team', release: Release.NEWEST });
    job(stack, {
      runtimePatchManager: 'example.com/platform',
      runtimePatches: [{
        steps: ['node'], securityContext: { fsGroup: 1000 }, terminationGracePeriod: Duration.minutes(2),
        containers: { sshd: { securityContext: { runAsUser: 1000, capabilities: { add: ['SYS_CHROOT'] }, seccompProfile: SeccompProfile.runtimeDefault() } } },
      }],
    });
    const entry = manifest(stack, 'TrainJob').spec.runtimePatches[0];
    expect(entry.manager).toBe('example.com/platform');
    const pod = entry.trainingRuntimeSpec.template.spec.replicatedJobs[0].template.spec.template.spec;
    expect(pod.securityContext).toEqual({ fsGroup: 1000 });
    expect(pod.terminationGracePeriodSeconds).toBe(120);
    // Only what the patch sets: the runtime's container keeps its own (hardened) settings.
    expect(pod.containers[0].securityContext).toEqual({ runAsUser: 1000, capabilities: { add: ['SYS_CHROOT'] }, seccompProfile: { type: 'RuntimeDefault' } });
    expectSchemaValid(stack);
  });

  test('Trainer 2.1: podTemplateOverrides, one per patch, with its target jobs', () => {
    const stack = trainerAt('2.1.0');
    job(stack, { runtimePatches: [patch, { steps: ['dataset-initializer'], labels: { team: 'nlp' }, affinity: { nodeAffinity: {} } }] });
    const spec = manifest(stack, 'TrainJob').spec;
    expect(spec.runtimePatches).toBeUndefined();
    expect(spec.podTemplateOverrides).toHaveLength(2);
    expect(spec.podTemplateOverrides[0]).toMatchObject({ targetJobs: [{ name: 'node' }], spec: { serviceAccountName: 'trainer-sa', containers: [{ name: 'metrics-agent' }] } });
    expect(spec.podTemplateOverrides[0].metadata).toBeUndefined();
    expect(spec.podTemplateOverrides[1]).toEqual({ targetJobs: [{ name: 'dataset-initializer' }], metadata: { labels: { team: 'nlp' } }, spec: { affinity: { nodeAffinity: {} } } });
  });

  test('Trainer 2.0: podSpecOverrides, the pod fields at the top', () => {
    const stack = trainerAt('2.0.0');
    job(stack, { runtimePatches: [patch] });
    const [override] = manifest(stack, 'TrainJob').spec.podSpecOverrides;
    expect(override).toMatchObject({ targetJobs: [{ name: 'node' }], serviceAccountName: 'trainer-sa', schedulingGates: [{ name: 'example.com/quota' }], containers: [{ name: 'metrics-agent' }] });
    expect(override.metadata).toBeUndefined();
    expect(override.spec).toBeUndefined();
  });

  test.each<[string, string, Partial<RuntimePatchProps>, string, string]>([
    ['2.0.0', 'pod labels', { labels: { a: 'b' } }, 'runtimePatches[0].labels', 'needs Kubeflow Trainer 2.1.0 or later'],
    ['2.0.0', 'affinity', { affinity: {} }, 'runtimePatches[0].affinity', 'needs Kubeflow Trainer 2.1.0 or later'],
    ['2.0.0', 'image pull secrets', { imagePullSecrets: ['r'] }, 'runtimePatches[0].imagePullSecrets', 'needs Kubeflow Trainer 2.1.0 or later'],
    ['2.1.0', 'a pod security context', { securityContext: { fsGroup: 1 } }, 'runtimePatches[0].securityContext', 'needs Kubeflow Trainer 2.2.0 or later'],
    ['2.1.0', 'a container security context', { containers: { c: { securityContext: { runAsUser: 1 } } } }, 'runtimePatches[0].containers.c.securityContext', 'needs Kubeflow Trainer 2.2.0 or later'],
    ['2.2.0', 'a grace period', { terminationGracePeriod: Duration.seconds(30) }, 'runtimePatches[0].terminationGracePeriod', 'needs Kubeflow Trainer 2.3.0 or later'],
  ])('Trainer %s has no %s: the error names the version that has it', (version, _what, extra, field, problem) => {
    const e = constructError(() => job(trainerAt(version), { runtimePatches: [{ steps: ['node'], ...extra }] }));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
    expect(e.fix).toContain(`withComponents({ trainer: '`);
  });

  test('a manager needs runtimePatches, and Trainer 2.2.0', () => {
    expect(constructError(() => job(testStack(), { runtimePatchManager: 'example.com/x' })).problem).toContain('there are no runtimePatches');
    const e = constructError(() => job(trainerAt('2.1.0'), { runtimePatchManager: 'example.com/x', runtimePatches: [patch] }));
    expect(e.field).toBe('runtimePatchManager');
    expect(e.problem).toContain('needs Kubeflow Trainer 2.2.0 or later');
  });

  test.each<[string, RuntimePatchProps[], string, string]>([
    ['no steps', [{ steps: [], serviceAccountName: 'sa' }], 'runtimePatches[0].steps', 'is empty'],
    ['a step name that is not a label', [{ steps: ['Node'], serviceAccountName: 'sa' }], 'runtimePatches[0].steps', 'is not a valid DNS-1123 label'],
    ['a step in two patches', [{ steps: ['node'], serviceAccountName: 'sa' }, { steps: ['node'], nodeSelector: { a: 'b' } }], 'runtimePatches[1].steps', 'also changed by runtimePatches[0]'],
    ['a patch that changes nothing', [{ steps: ['node'] }], 'runtimePatches[0]', 'changes nothing'],
    ['a container patch that changes nothing', [{ steps: ['node'], containers: { sidecar: {} } }], 'runtimePatches[0].containers.sidecar', 'changes nothing'],
    ['a bad env name', [{ steps: ['node'], containers: { sidecar: { env: { '1X': 'a' } } } }], 'runtimePatches[0].containers.sidecar.env.1X', 'not a valid environment variable name'],
    ['a relative mount', [{ steps: ['node'], containers: { sidecar: { mounts: [{ volume: data, path: 'data' }] } } }], 'runtimePatches[0].containers.sidecar.mounts', 'is not absolute'],
    ['a bad scheduling gate', [{ steps: ['node'], schedulingGates: ['not a gate'] }], 'runtimePatches[0].schedulingGates', 'is not a qualified name'],
    ['a gate twice', [{ steps: ['node'], schedulingGates: ['g', 'g'] }], 'runtimePatches[0].schedulingGates', 'lists a gate twice'],
    ['a bad service account', [{ steps: ['node'], serviceAccountName: 'Trainer_SA' }], 'runtimePatches[0].serviceAccountName', 'is not a valid DNS-1123 subdomain'],
    ['a toleration with Exists and a value', [{ steps: ['node'], tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }], 'runtimePatches[0].tolerations', 'has operator Exists and a value'],
    ['two volumes of one name', [{ steps: ['node'], volumes: [Volume.fromPersistentVolumeClaim('a', { name: 'v' }), Volume.fromPersistentVolumeClaim('b', { name: 'v' })] }], 'runtimePatches[0].volumes', 'two different volumes are named "v"'],
    ['a fractional grace period', [{ steps: ['node'], terminationGracePeriod: Duration.millis(1500) }], 'runtimePatches[0].terminationGracePeriod', 'whole number of seconds'],
  ])('rejects %s', (_name, runtimePatches, field, problem) => {
    const e = constructError(() => job(trainerAt('2.3.0'), { runtimePatches }));
    expect(e.constructPath).toBe('test/Finetune');
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test('synth reports env on the containers the trainer configures, and a manager that is no domain-prefixed path (the trainer webhook\'s rules)', () => {
    const stack = testStack();
    job(stack, { runtimePatchManager: 'platform', runtimePatches: [{ steps: ['node'], containers: { node: { env: { X: '1' } } } }] });
    expect(policyFindings(stack, 'trainer/trainjob-runtime-patches').map((f) => `${f.path}: ${f.message}`)).toEqual([
      '.spec.runtimePatches[0].manager: "platform" is not a domain-prefixed path such as "example.com/tuner"',
      '.spec.runtimePatches[0].trainingRuntimeSpec.template.spec.replicatedJobs[0].template.spec.template.spec.containers[0].env: sets env on the "node" container, which the trainer configures itself',
    ]);
  });
});

describe('TrainJob trainer.numProcPerNode', () => {
  test('a count renders as an int on every release', () => {
    for (const version of ['2.0.0', '2.1.0', '2.2.0', '2.3.0']) {
      const stack = trainerAt(version);
      job(stack, { trainer: { numProcPerNode: NprocPerNode.count(4) } });
      expect(manifest(stack, 'TrainJob').spec.trainer.numProcPerNode).toBe(4);
    }
  });

  test('before Trainer 2.2.0 it may be auto, gpu or cpu (an IntOrString there)', () => {
    const stack = trainerAt('2.1.0');
    job(stack, { trainer: { numProcPerNode: NprocPerNode.gpu() } });
    expect(manifest(stack, 'TrainJob').spec.trainer.numProcPerNode).toBe('gpu');
  });

  test.each(['2.2.0', '2.3.0'])('with Trainer %s auto is an error: it is an int there, and auto the torch default', (version) => {
    const e = constructError(() => job(trainerAt(version), { trainer: { numProcPerNode: NprocPerNode.auto() } }));
    expect(e.field).toBe('trainer.numProcPerNode');
    expect(e.problem).toContain('since Kubeflow Trainer 2.2.0 it is a count');
    expect(e.fix).toContain('leave it out');
  });

  test('a count must be whole and positive', () => {
    expect(constructError(() => job(testStack(), { trainer: { numProcPerNode: NprocPerNode.count(0) } })).field).toBe('trainer.numProcPerNode');
  });
});
