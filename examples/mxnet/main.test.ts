import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collectWarnings, Stack } from 'cdk8s-kubeflow';
import { synthesize } from '../../cli/synthesize';
import { formatFinding } from '../../manifest';
import { checkFiles } from '../../policies/check-files';
import { expectSchemaValid } from '../../test/schema';
import { buildApp, MXNET_IMAGE } from './main';

describe('mxnet example', () => {
  const app = buildApp();
  const stack = app.node.findChild('mxnet-example') as Stack;
  const objects = stack.toJson();
  const runtime = objects.find((o) => o.kind === 'ClusterTrainingRuntime');
  const jobs = runtime.spec.template.spec.replicatedJobs;
  const env = (i: number) => Object.fromEntries(jobs[i].template.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

  test('synthesizes a runtime and a TrainJob, schema-valid, without warnings', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Profile/vision',
      'ClusterTrainingRuntime/mxnet-parameter-server',
      'TrainJob/mnist-dist',
      'Inventory/mxnet-example',
    ]);
    expectSchemaValid(stack);
    expect(collectWarnings(app)).toEqual([]);
  });

  test('one scheduler, two servers, two workers, wired to the scheduler of each TrainJob', () => {
    expect(jobs.map((j: any) => [j.name, j.template.spec.parallelism ?? `numNodes ${runtime.spec.mlPolicy.numNodes}`])).toEqual([
      ['scheduler', 1], ['server', 2], ['node', 'numNodes 2'],
    ]);
    expect([0, 1, 2].map((i) => env(i).DMLC_ROLE)).toEqual(['scheduler', 'server', 'worker']);
    for (const i of [0, 1, 2]) {
      expect(env(i)).toMatchObject({
        DMLC_NUM_SERVER: '2', DMLC_NUM_WORKER: '2', DMLC_PS_ROOT_PORT: '9091', DMLC_USE_KUBERNETES: '1',
        DMLC_PS_ROOT_URI: '$(TRAIN_JOB_NAME)-scheduler-0-0.$(TRAIN_JOB_NAME)',
        TRAIN_JOB_NAME: { fieldRef: { fieldPath: "metadata.labels['jobset.sigs.k8s.io/jobset-name']" } },
      });
    }
    expect(jobs[0].template.spec.template.spec.containers[0]).toMatchObject({ image: MXNET_IMAGE, command: ['python3', '-c', 'import mxnet'] });
  });

  test('the TrainJob replaces the workers\' image and command, and keeps the runtime\'s worker count', () => {
    const job = objects.find((o) => o.kind === 'TrainJob');
    expect(job.metadata.namespace).toBe('vision');
    expect(job.spec.runtimeRef).toEqual({ apiGroup: 'trainer.kubeflow.org', kind: 'ClusterTrainingRuntime', name: 'mxnet-parameter-server' });
    expect(job.spec.trainer.numNodes).toBeUndefined();
    expect(job.spec.trainer.args).toContain('dist_sync');
  });

  test('`validate` passes on the synthesized files: schemas, CEL and every default rule', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mxnet-example-'));
    try {
      for (const [file, yaml] of synthesize(buildApp()).files) {
        mkdirSync(dirname(join(out, file)), { recursive: true });
        writeFileSync(join(out, file), yaml);
      }
      const result = await checkFiles([out]);
      expect(result.findings.map(formatFinding)).toEqual([]);
      expect(result.counts.valid).toBe(result.counts.objects);
      expect(result.counts.objects).toBe(4);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
