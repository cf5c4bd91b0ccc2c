import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, manifests, testStack, testTenant } from '../../test/util';
import { ContainerComponent } from './component';
import { KfpPipeline } from './kfp-pipeline';
import { PipelineComponent } from './pipeline';
import { Artifact, Param } from './types';

const echo = (image: string) => ContainerComponent.define({ name: 'echo', inputs: { text: Param.string() }, image, command: ['echo'], args: ({ inputs }) => [inputs.text] });
const definition = (image = 'busybox:1') => PipelineComponent.define({ name: 'hello', inputs: { who: Param.string({ default: 'world' }) } }, (p, i) => { p.task(echo(image), { text: i.who }); });

describe('KfpPipeline', () => {
  test('a Pipeline and a PipelineVersion named after the IR, in the tenant namespace, schema-valid', () => {
    const stack = testStack();
    const pipeline = new KfpPipeline(stack, 'Hello', { tenant: testTenant(stack), pipeline: definition() });
    expect(manifest(stack, 'Pipeline')).toMatchObject({ apiVersion: 'pipelines.kubeflow.org/v2beta1', metadata: { name: 'hello', namespace: 'team' }, spec: { displayName: 'hello' } });
    // KFP makes the Pipeline the owner of its versions: pruning it would delete them all.
    expect(manifest(stack, 'Pipeline').metadata.annotations).toMatchObject({ 'argocd.argoproj.io/sync-options': 'Prune=false', 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous' });
    const version = manifest(stack, 'PipelineVersion');
    expect(version.metadata.name).toMatch(/^hello-[0-9a-f]{10}$/);
    expect(version.metadata.name).toBe(pipeline.versionName);
    expect(version.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/sync-options': 'Prune=false', 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous' });
    expect(version.spec).toMatchObject({ pipelineName: 'hello', displayName: pipeline.versionName, pipelineSpec: { pipelineInfo: { name: 'hello' }, schemaVersion: '2.1.0' } });
    expect(version.spec.platformSpec).toBeUndefined();
    expectSchemaValid(stack);
  });

  test('the version name changes with the version\'s immutable spec (IR, code source) and only with it', () => {
    const nameOf = (image: string, props: object = {}) => new KfpPipeline(testStack(), 'Hello', { namespace: 'team', pipeline: definition(image), ...props }).versionName;
    expect(nameOf('busybox:1')).toBe(nameOf('busybox:1'));
    expect(nameOf('busybox:2')).not.toBe(nameOf('busybox:1'));
    expect(nameOf('busybox:1', { codeSourceUrl: 'https://git.example.com/a' })).not.toBe(nameOf('busybox:1'));
    expect(nameOf('busybox:1', { displayName: 'Hello!' })).toBe(nameOf('busybox:1'));
  });

  test('the display name defaults to the Kubernetes name, which the schedule looks the pipeline up by', () => {
    const stack = testStack();
    const p = new KfpPipeline(stack, 'Hello', { namespace: 'team', name: 'greeter', pipeline: definition() });
    expect(manifest(stack, 'Pipeline').spec.displayName).toBe('greeter');
    p.addSchedule('Nightly', { cron: '0 2 * * *', experiment: 'e', image: 'i' });
    expect(manifest(stack, 'CronJob').spec.jobTemplate.spec.template.spec.containers[0].env).toContainEqual({ name: 'KFP_PIPELINE', value: 'greeter' });
  });

  test('a definition error is reported at the construct, with the task and the input', () => {
    const stack = testStack();
    const bad = PipelineComponent.define({ name: 'bad' }, (p) => { p.task(echo('i'), { text: 'x' }, { resources: { cpuLimit: 'lots' } }); });
    expect(constructError(() => new KfpPipeline(stack, 'Bad', { namespace: 'team', pipeline: bad })).message)
      .toMatch(/^test\/Bad: pipeline \(pipeline bad › task echo\) resources\.cpuLimit: 'lots' is not a CPU quantity/);
  });

  test('a nightly schedule is a CronJob that creates a run of this version with the projected KFP token', () => {
    const stack = testStack();
    const pipeline = new KfpPipeline(stack, 'Hello', { namespace: 'team', pipeline: definition() });
    pipeline.addSchedule('Nightly', { cron: '0 2 * * *', experiment: 'nightly', image: 'kfp-sdk:2.17', parameters: { who: 'team' } });
    const cron = manifest(stack, 'CronJob');
    expect(cron.metadata.name).toBe('hello-nightly');
    const pod = cron.spec.jobTemplate.spec.template.spec;
    expect(pod.serviceAccountName).toBe('default-editor');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(cron.spec).toMatchObject({ concurrencyPolicy: 'Forbid', jobTemplate: { spec: { backoffLimit: 0 } } });
    expect(pod.containers[0].env).toEqual(expect.arrayContaining([
      { name: 'KFP_VERSION', value: pipeline.versionName }, { name: 'KFP_PARAMETERS', value: '{"who":"team"}' }, { name: 'KFP_EXPERIMENT', value: 'nightly' },
    ]));
    expect(pod.volumes[0].projected.sources[0].serviceAccountToken.audience).toBe('pipelines.kubeflow.org');
    expect(manifests(stack).map((m) => m.kind).sort()).toEqual(['CronJob', 'Pipeline', 'PipelineVersion']);
    expectSchemaValid(stack);
  });

  test('schedule inputs are checked', () => {
    const schedule = (options: any) => constructError(() => new KfpPipeline(testStack(), 'Hello', { namespace: 'team', pipeline: definition() }).addSchedule('Nightly', { cron: '0 2 * * *', experiment: 'e', image: 'i', ...options })).message;
    expect(schedule({ cron: 'daily' })).toMatch(/Hello\/Nightly: cron: 'daily' is not a cron schedule/);
    expect(schedule({ parameters: { whom: 'x' } })).toMatch(/parameters\.whom: the pipeline has no input 'whom'\n {2}fix: use one of: who/);
    expect(schedule({ experiment: ' ' })).toMatch(/experiment: is empty/);
    expect(schedule({ timeoutSeconds: 0 })).toMatch(/timeoutSeconds: must be a whole number ≥ 1, got 0/);
    expect(schedule({ parameters: { who: 3 } })).toMatch(/parameters\.who: is NUMBER_INTEGER 3, and the input is STRING/);
    expect(schedule({ parameters: { who: null } })).toMatch(/parameters\.who: is null, and the input is STRING/);
    const required = PipelineComponent.define({ name: 'req', inputs: { who: Param.string() } }, (p, i) => { p.task(echo('i'), { text: i.who }); });
    expect(constructError(() => new KfpPipeline(testStack(), 'Req', { namespace: 'team', pipeline: required }).addSchedule('Nightly', { cron: '0 2 * * *', experiment: 'e', image: 'i' })).message)
      .toMatch(/Req\/Nightly: parameters\.who: the required input of the pipeline is not given\n {2}fix: give who \(a STRING\)/);
    const withArtifact = PipelineComponent.define({ name: 'art', inputs: { data: Artifact.dataset() } }, () => {});
    expect(constructError(() => new KfpPipeline(testStack(), 'Art', { namespace: 'team', pipeline: withArtifact }).addSchedule('Nightly', { cron: '0 2 * * *', experiment: 'e', image: 'i' })).message)
      .toMatch(/pipeline: the pipeline takes the artifact 'data' as an input, which a run cannot be given/);
  });

  test('codeSourceUrl must be an http(s) URL', () => {
    expect(constructError(() => new KfpPipeline(testStack(), 'Hello', { namespace: 'team', pipeline: definition(), codeSourceUrl: 'git@x' })).message).toMatch(/codeSourceUrl: 'git@x' is not an http\(s\) URL/);
  });
});
