import { Duration } from 'cdk8s';
import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Cpu, Probe, Size, Volume } from '../core';
import { Tenant } from '../tenancy';
import { ScaleMetric } from './autoscaling';
import { ServingComponentProps } from './component';
import { DeploymentMode } from './deployment-mode';
import { ArtExplainerType } from './explainer';
import { InferenceService } from './inference-service';
import { LoggerMode } from './logger';
import { ModelFormat } from './model-format';
import { StorageCredentials } from './storage-credentials';
import { StorageUri } from './storage-uri';

const model = { format: ModelFormat.pytorch(), storageUri: StorageUri.s3('models/resnet/v1') };

describe('component settings', () => {
  test('pod settings, credentials, logger, batcher, timeout and concurrency render on the component', () => {
    const stack = testStack();
    const creds = new StorageCredentials(stack, 'models-s3', { secretNames: ['models-s3'] });
    new InferenceService(stack, 'resnet', {
      predictor: {
        model,
        credentials: creds,
        pod: {
          nodeSelector: { pool: 'inference' },
          tolerations: [{ key: 'dedicated', value: 'inference', effect: 'NoSchedule' }],
          labels: { team: 'vision' },
          annotations: { 'sidecar.istio.io/inject': 'true' },
          imagePullSecrets: ['regcred'],
          priorityClassName: 'serving',
          volumes: [Volume.fromConfigMap('labels')],
        },
        logger: { url: 'http://broker-ingress.knative-eventing.svc/team/default', mode: LoggerMode.REQUEST, metadataHeaders: ['x-request-id'] },
        batcher: { maxBatchSize: 32, maxLatency: Duration.millis(100) },
        timeout: Duration.seconds(120),
        containerConcurrency: 8,
        autoscaling: { minReplicas: 1, maxReplicas: 3, metric: ScaleMetric.concurrency(8) },
      },
    });
    const p = manifest(stack, 'InferenceService').spec.predictor;
    expect(p).toMatchObject({
      serviceAccountName: 'models-s3',
      nodeSelector: { pool: 'inference' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'inference', effect: 'NoSchedule' }],
      labels: { team: 'vision' },
      annotations: { 'sidecar.istio.io/inject': 'true' },
      imagePullSecrets: [{ name: 'regcred' }],
      priorityClassName: 'serving',
      volumes: [{ name: 'labels', configMap: { name: 'labels' } }],
      logger: { mode: 'request', url: 'http://broker-ingress.knative-eventing.svc/team/default', metadataHeaders: ['x-request-id'] },
      batcher: { maxBatchSize: 32, maxLatency: 100 },
      timeout: 120,
      containerConcurrency: 8,
    });
    expectSchemaValid(stack);
  });

  test('Standard mode may customize the rollout of its Deployment', () => {
    const stack = testStack();
    new InferenceService(stack, 'big', {
      deploymentMode: DeploymentMode.STANDARD,
      predictor: { model: { ...model, resources: { memory: { request: Size.gibibytes(64) }, cpu: { request: Cpu.units(8) } } }, rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
    });
    expect(manifest(stack, 'InferenceService').spec.predictor.deploymentStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    expectSchemaValid(stack);
  });

  test.each<[string, ServingComponentProps, DeploymentMode, string, string]>([
    ['a bad surge', { rollingUpdate: { maxSurge: 'lots' } }, DeploymentMode.STANDARD, 'predictor.rollingUpdate.maxSurge', 'is neither a whole number'],
    ['negative concurrency', { containerConcurrency: -1 }, DeploymentMode.KNATIVE, 'predictor.containerConcurrency', 'must be a whole number ≥ 0'],
    ['sub-second timeout', { timeout: Duration.millis(500) }, DeploymentMode.KNATIVE, 'predictor.timeout', 'must be a whole number of seconds ≥ 1, got 0.5s'],
    ['bad service account', { pod: { serviceAccountName: 'Models' } }, DeploymentMode.KNATIVE, 'predictor.pod.serviceAccountName', 'is not a valid DNS-1123 subdomain'],
  ])('rejects %s', (_what, component, mode, field, problem) => {
    const e = constructError(() => new InferenceService(testStack(), 'svc', { deploymentMode: mode, predictor: { model, ...component } }));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test.each<[string, ServingComponentProps, DeploymentMode, string, string, string]>([
    ['rollingUpdate in Knative mode', { rollingUpdate: { maxSurge: 1 } }, DeploymentMode.KNATIVE, 'kserve/deployment-strategy', '.spec.predictor.deploymentStrategy', 'customizing deploymentStrategy is only supported for raw deployment mode'],
    ['a rollout that cannot progress', { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } }, DeploymentMode.STANDARD, 'kserve/rolling-update', '.spec.predictor.deploymentStrategy.rollingUpdate', 'both 0'],
  ])('reports %s at synth', (_what, component, mode, rule, path, message) => {
    const stack = testStack();
    new InferenceService(stack, 'svc', { deploymentMode: mode, predictor: { model, ...component } });
    expect(policyFindings(stack, 'kserve/').map((f) => [f.rule, f.construct, f.path, f.message])).toEqual([[rule, 'test/svc', path, expect.stringContaining(message)]]);
  });

  test('credentials must be in the service\'s namespace and agree with pod.serviceAccountName', () => {
    const stack = testStack();
    const ml = new Tenant(stack, 'ml', { owner: 'a@b.co' });
    const elsewhere = new StorageCredentials(stack, 'creds', { tenant: ml, secretNames: ['s3'] });
    const here = new StorageCredentials(stack, 'here', { secretNames: ['s3'] });
    let e = constructError(() => new InferenceService(stack, 'a', { predictor: { model, credentials: elsewhere } }));
    expect([e.field, e.problem]).toEqual(['predictor.credentials', 'service account "creds" is in namespace "ml", the service in "team"']);
    e = constructError(() => new InferenceService(stack, 'b', { predictor: { model, credentials: here, pod: { serviceAccountName: 'other' } } }));
    expect([e.field, e.problem]).toEqual(['predictor.credentials', 'names service account "here" but pod.serviceAccountName is "other"']);
  });
});

describe('component pods: sidecars, init containers, security, probes', () => {
  const proxy = { name: 'auth-proxy', image: 'quay.io/oauth2-proxy/oauth2-proxy:v7.6.0', ports: [{ containerPort: 4180 }] };

  test('a model\'s sidecars follow it in `containers` (KServe counts only kserve-container as the implementation); init containers and the pod security context render on the component', () => {
    const stack = testStack();
    new InferenceService(stack, 'resnet', {
      predictor: {
        model: { ...model, readiness: Probe.fromHttpGet('/v2/health/ready', { port: 8080 }), securityContext: { runAsUser: 1000 } },
        pod: {
          securityContext: { runAsNonRoot: true, fsGroup: 1000 },
          initContainers: [{ name: 'warm-cache', image: 'busybox:1.36', command: ['true'] }],
          sidecars: [proxy],
        },
      },
    });
    const p = manifest(stack, 'InferenceService').spec.predictor;
    expect(p.model).toMatchObject({ readinessProbe: { httpGet: { path: '/v2/health/ready', port: 8080 } } });
    // KServe merges the model into the runtime's container: only what is given, no defaults over the runtime's.
    expect(p.model.securityContext).toEqual({ runAsUser: 1000 });
    expect(p.model.name).toBeUndefined();
    expect(p.containers.map((c: any) => c.name)).toEqual(['auth-proxy']);
    // A sidecar is a container of its own: the hardened defaults.
    expect(p.containers[0].securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(p.initContainers.map((c: any) => c.name)).toEqual(['warm-cache']);
    expect(p.securityContext).toEqual({ runAsNonRoot: true, fsGroup: 1000 });
    expect(policyFindings(stack, 'kserve/exactly-one-implementation')).toEqual([]);
    expectSchemaValid(stack);
  });

  test('a custom server keeps the name kserve-container, first; a transformer\'s sidecars follow it', () => {
    const stack = testStack();
    new InferenceService(stack, 'custom', {
      predictor: { container: { image: 'ghcr.io/example/server:1.0.0' }, pod: { sidecars: [proxy] } },
      transformer: { container: { image: 'ghcr.io/example/features:1.0.0' }, pod: { sidecars: [{ ...proxy, name: 'cache' }] } },
    });
    const spec = manifest(stack, 'InferenceService').spec;
    expect(spec.predictor.containers.map((c: any) => c.name)).toEqual(['kserve-container', 'auth-proxy']);
    expect(spec.transformer.containers.map((c: any) => c.name)).toEqual(['kserve-container', 'cache']);
    expectSchemaValid(stack);
  });

  test('an ART explainer\'s sidecars are native (KServe would count a second container as a custom explainer)', () => {
    const stack = testStack();
    new InferenceService(stack, 'art', {
      predictor: { model },
      explainer: { art: { type: ArtExplainerType.SQUARE_ATTACK }, pod: { sidecars: [proxy] } },
    });
    const e = manifest(stack, 'InferenceService').spec.explainer;
    expect(e.containers).toBeUndefined();
    expect(e.initContainers).toMatchObject([{ name: 'auth-proxy', restartPolicy: 'Always' }]);
    expectSchemaValid(stack);
  });

  test('KServe\'s blocked env vars are refused in sidecars and init containers too', () => {
    const e = constructError(() => new InferenceService(testStack(), 'x', { predictor: { model, pod: { sidecars: [{ ...proxy, env: { PYTHONPATH: '/x' } }] } } }));
    expect(e.field).toBe('predictor.pod.sidecars[0].env.PYTHONPATH');
  });
});
