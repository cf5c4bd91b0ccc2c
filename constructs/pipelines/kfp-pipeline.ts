import { createHash } from 'node:crypto';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { canonicalJson } from '../../manifest';
import { checkCronSchedule, checkName, ConstructError, emit, fail, NameRule, resolveNamespace, Resource, ResourceProps, resourceName } from '../core';
import type { ITenant } from '../tenancy';
import { compilePipeline, CompiledPipeline } from './compile';
import { PipelineComponent } from './pipeline';
import { JsonValue, parameterTypeOf } from './types';

/** Argo CD never prunes these objects, and ones left in the cluster do not keep the app OutOfSync. */
const KEEP = { 'argocd.argoproj.io/sync-options': 'Prune=false', 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous' };

/** A pipeline deployed to KFP (Kubernetes-native API mode). */
export interface KfpPipelineProps extends ResourceProps {
  /** The pipeline definition (`PipelineComponent.define(…)`). */
  readonly pipeline: PipelineComponent;
  /** The tenant (Kubeflow profile) whose namespace holds the pipeline. @default - `namespace` */
  readonly tenant?: ITenant;
  /** @default - the tenant's namespace, else the stack's namespace */
  readonly namespace?: string;
  /** The name shown in the KFP UI. @default - the Kubernetes name */
  readonly displayName?: string;
  /** Where the pipeline's code lives (shown in the UI), e.g. the git URL of the stack. @default - none */
  readonly codeSourceUrl?: string;
}

/** A run of the pipeline on a schedule. */
export interface PipelineScheduleOptions {
  /** Cron schedule, e.g. `'0 3 * * *'`. */
  readonly cron: string;
  /** The KFP experiment the runs belong to (created when missing). */
  readonly experiment: string;
  /** An image with the kfp SDK (`kfp==2.17.*`) that creates the runs; it runs as user 1000. */
  readonly image: string;
  /** Run parameters: every required input of the pipeline. @default - the pipeline's defaults */
  readonly parameters?: Record<string, JsonValue>;
  /**
   * Wait for each run to finish, so that the CronJob's Job succeeds or fails with the run and
   * runs never overlap (`concurrencyPolicy: Forbid`); false returns once the run is created.
   * @default true
   */
  readonly waitForRun?: boolean;
  /** The longest a run may take when waited for. @default 86400 (one day) */
  readonly timeoutSeconds?: number;
  /** The KFP API. @default 'http://ml-pipeline.kubeflow.svc.cluster.local:8888' */
  readonly apiUrl?: string;
  /** A service account of the namespace allowed to create runs (kubeflow-edit). @default 'default-editor' (the profile's) */
  readonly serviceAccountName?: string;
  /** The CronJob's name. @default - `<pipeline>-<id>` */
  readonly name?: string;
}

/**
 * A KFP pipeline as Kubernetes objects (`pipelines.kubeflow.org/v2beta1`, KFP's Kubernetes-native
 * API mode): a `Pipeline` and a `PipelineVersion` named after the compiled IR's content, so a
 * changed pipeline is a new version (versions are immutable) and git history is version history.
 * Old versions are kept (`Prune=false`) so runs of them stay runnable and inspectable.
 */
export class KfpPipeline extends Resource {
  public readonly apiVersion = 'pipelines.kubeflow.org/v2beta1';
  public readonly kind = 'Pipeline';
  public readonly name: string;
  public readonly namespace: string;
  /** The PipelineVersion's name: `<pipeline>-<first 10 hex digits of the sha256 of its spec>`. */
  public readonly versionName: string;
  /** The name the KFP UI and API show (and look the pipeline up by). */
  public readonly displayName: string;
  /** The compiled IR and platform spec. */
  public readonly compiled: CompiledPipeline;
  public readonly apiObject: ApiObject;
  /** The PipelineVersion. */
  public readonly versionObject: ApiObject;

  constructor(scope: Construct, id: string, props: KfpPipelineProps) {
    super(scope, id);
    // KFP's webhook truncates the pipeline name into a label: 63 characters at most.
    this.name = resourceName(this, props.name ?? props.pipeline.name, { rule: NameRule.LABEL });
    this.namespace = resolveNamespace(this, props);
    try {
      this.compiled = compilePipeline(props.pipeline);
    } catch (e) {
      if (e instanceof ConstructError) fail(this, `pipeline (${e.constructPath}) ${e.field}`, e.problem, e.fix);
      throw e;
    }
    if (props.codeSourceUrl !== undefined && !/^https?:\/\/\S+$/.test(props.codeSourceUrl)) {
      fail(this, 'codeSourceUrl', `'${props.codeSourceUrl}' is not an http(s) URL`, 'give the URL of the code, e.g. https://github.com/org/repo/tree/main/stacks');
    }
    // Everything of the version's spec KFP's webhook keeps immutable goes into its name.
    const immutable = {
      pipelineName: this.name,
      ...(props.codeSourceUrl ? { codeSourceURL: props.codeSourceUrl } : {}),
      pipelineSpec: this.compiled.pipelineSpec,
      ...(this.compiled.platformSpec ? { platformSpec: this.compiled.platformSpec } : {}),
    };
    this.versionName = `${this.name}-${createHash('sha256').update(canonicalJson(immutable)).digest('hex').slice(0, 10)}`;
    this.displayName = props.displayName ?? this.name;
    // KFP makes the Pipeline the owner of its versions: deleting it would delete them all, so it is
    // never pruned either (delete it by hand when no run needs its versions).
    this.apiObject = this.emitResource(
      { name: this.name, namespace: this.namespace, appName: 'pipeline', component: 'pipeline', ...props.metadata, annotations: { ...KEEP, ...props.metadata?.annotations } },
      { spec: { displayName: this.displayName } },
    );
    this.versionObject = emit(this, 'Version', { apiVersion: this.apiVersion, kind: 'PipelineVersion' }, {
      name: this.versionName, namespace: this.namespace, appName: 'pipeline', instance: this.name, component: 'pipeline-version',
      // Versions are immutable and runs refer to them: a new version never deletes the old.
      annotations: KEEP,
    }, { spec: { ...immutable, displayName: this.versionName } });
  }

  /**
   * Runs this version on a schedule: a CronJob in the pipeline's namespace that creates a run
   * through the KFP API with the kfp SDK. (KFP 2.17 keeps recurring runs in its database only; a
   * ScheduledWorkflow applied from git has no database row and never runs — see the README.)
   */
  public addSchedule(id: string, options: PipelineScheduleOptions): ApiObject {
    const scope = new Construct(this, id);
    const cron = checkCronSchedule(scope, 'cron', options.cron);
    if (!options.image) fail(scope, 'image', 'is empty', 'give an image with the kfp SDK (kfp==2.17.*) installed');
    if (!options.experiment.trim()) fail(scope, 'experiment', 'is empty', 'name the KFP experiment the runs belong to');
    const timeout = options.timeoutSeconds ?? 86_400;
    if (!Number.isInteger(timeout) || timeout < 1) fail(scope, 'timeoutSeconds', `must be a whole number ≥ 1, got ${timeout}`, 'give the longest a run may take, in seconds');
    const name = resourceName(scope, options.name ?? `${this.name}-${id.toLowerCase()}`, { rule: NameRule.LABEL, maxLength: 52 });
    const sa = checkName(scope, 'serviceAccountName', options.serviceAccountName ?? 'default-editor');
    const parameters = options.parameters ?? {};
    const defs = this.compiled.pipelineSpec.root?.inputDefinitions ?? {};
    for (const [key, def] of Object.entries<any>(defs.artifacts ?? {})) {
      if (!def.isOptional) fail(scope, 'pipeline', `the pipeline takes the artifact '${key}' as an input, which a run cannot be given`, 'take its URI as a string parameter and import it with p.importer(…)');
    }
    for (const [key, value] of Object.entries(parameters)) {
      const def = defs.parameters?.[key];
      if (!def) fail(scope, `parameters.${key}`, `the pipeline has no input '${key}'`, `use one of: ${Object.keys(defs.parameters ?? {}).join(', ') || '(none)'}`);
      const type = value === null || value === undefined ? String(value) : parameterTypeOf(value);
      if (type !== def.parameterType && !(type === 'NUMBER_INTEGER' && def.parameterType === 'NUMBER_DOUBLE')) {
        fail(scope, `parameters.${key}`, `is ${value === null || value === undefined ? type : `${type} ${JSON.stringify(value)}`}, and the input is ${def.parameterType}`, `give a ${def.parameterType} value`);
      }
    }
    for (const [key, def] of Object.entries<any>(defs.parameters ?? {})) {
      if (!def.isOptional && parameters[key] === undefined) fail(scope, `parameters.${key}`, 'the required input of the pipeline is not given', `give ${key} (a ${def.parameterType})`);
    }
    const env = {
      KFP_HOST: options.apiUrl ?? 'http://ml-pipeline.kubeflow.svc.cluster.local:8888',
      KFP_NAMESPACE: this.namespace, KFP_PIPELINE: this.displayName, KFP_VERSION: this.versionName,
      KFP_EXPERIMENT: options.experiment, KFP_PARAMETERS: JSON.stringify(parameters),
      KFP_WAIT: String(options.waitForRun ?? true), KFP_TIMEOUT: String(timeout),
      HOME: '/tmp',
    };
    return emit(scope, 'Resource', { apiVersion: 'batch/v1', kind: 'CronJob' }, { name, namespace: this.namespace, appName: 'pipeline', instance: this.name, component: 'schedule' }, {
      spec: {
        schedule: cron,
        concurrencyPolicy: 'Forbid',
        jobTemplate: {
          spec: {
            backoffLimit: 0,
            template: {
              spec: {
                serviceAccountName: sa,
                restartPolicy: 'Never',
                securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
                containers: [{
                  name: 'create-run',
                  image: options.image,
                  command: ['python', '-c', CREATE_RUN],
                  env: Object.entries(env).map(([k, value]) => ({ name: k, value })),
                  // Small and fixed: it only calls the API (and tenant quotas require requests).
                  resources: { requests: { cpu: '50m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
                  volumeMounts: [{ name: 'kfp-token', mountPath: '/var/run/secrets/kubeflow/pipelines', readOnly: true }],
                  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
                }],
                // The token kfp's ServiceAccountTokenVolumeCredentials reads, with the audience KFP's API checks.
                volumes: [{
                  name: 'kfp-token',
                  projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'pipelines.kubeflow.org', expirationSeconds: 3600 } }] },
                }],
              },
            },
          },
        },
      },
    });
  }

}

/**
 * Creates one run of this version (the KFP API refers to pipelines and versions by IDs, which
 * git cannot know: they are looked up by display name in the namespace), optionally waits for
 * it, and stops the Istio sidecar of the profile namespace so that the Job can finish.
 * @internal
 */
export const CREATE_RUN = `import json, os, sys, time, urllib.request
import kfp
from kfp.client import ServiceAccountTokenVolumeCredentials

e = os.environ
ns = e['KFP_NAMESPACE']


def named(name):
    return json.dumps({'predicates': [{'operation': 'EQUALS', 'key': 'display_name', 'stringValue': name}]})


def one(found, what):
    if len(found) != 1:
        sys.exit(f'{len(found)} {what} in namespace {ns}; expected one')
    return found[0]


def main():
    c = kfp.Client(host=e['KFP_HOST'], namespace=ns, credentials=ServiceAccountTokenVolumeCredentials())
    pipeline = one(c.list_pipelines(namespace=ns, filter=named(e['KFP_PIPELINE'])).pipelines or [], f"pipelines named {e['KFP_PIPELINE']}")
    version = one(c.list_pipeline_versions(pipeline.pipeline_id, filter=named(e['KFP_VERSION'])).pipeline_versions or [], f"versions named {e['KFP_VERSION']}")
    experiment = c.create_experiment(e['KFP_EXPERIMENT'], namespace=ns)
    run = c.run_pipeline(experiment_id=experiment.experiment_id, job_name=e['KFP_VERSION'], pipeline_id=pipeline.pipeline_id,
                         version_id=version.pipeline_version_id, params=json.loads(e['KFP_PARAMETERS']))
    print(f'created run {run.run_id} of {e["KFP_VERSION"]} in experiment {e["KFP_EXPERIMENT"]}', flush=True)
    if e['KFP_WAIT'] != 'true':
        return
    # kfp's wait_for_run_completion does not stop on CANCELED: poll for every final state.
    deadline = time.time() + int(e['KFP_TIMEOUT'])
    while True:
        state = c.get_run(run.run_id).state
        if state in ('SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELED'):
            break
        if time.time() > deadline:
            sys.exit(f'run {run.run_id} is still {state} after {e["KFP_TIMEOUT"]} s')
        time.sleep(10)
    print(f'run {run.run_id}: {state}', flush=True)
    if state != 'SUCCEEDED':
        sys.exit(1)


try:
    main()
finally:
    try:
        urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:15020/quitquitquit', method='POST'), timeout=2)
    except Exception:
        pass
`;
