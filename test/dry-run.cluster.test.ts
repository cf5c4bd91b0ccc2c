// Server-side dry run (server-side apply, dryRun=All) of everything our constructs emit, against
// a real kube-apiserver with every CRD of the newest preset's schemas (schemas/newest/crds; TEST_CLUSTER_RELEASE) installed: the every-kind app, each
// example, the default stack, and one rejection per domain that shows the server validated.
import { ApiObject, App, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { synthesize } from '../cli/synthesize';
import {
  Algorithm, ClusterTrainingRuntime, ContainerComponent, Experiment, FeatureStore, GraphNode, GraphStep, InferenceGraph, InferenceService, KfpPipeline, Metric, Notebook, PipelineComponent, PodDefault, PyTorchJob, Scheduler,
  SearchSpace, Stack, StorageCredentials, Tenant, TrainJob, TrialTemplate,
} from '../constructs';
import { buildApp as featuresExample } from '../examples/features-to-serving/main';
import { buildApp as mxnetExample } from '../examples/mxnet/main';
import { buildApp as pipelinesExample } from '../examples/pipelines/main';
import { buildApp as servingExample } from '../examples/serving/main';
import { buildApp as trainingExample } from '../examples/training/main';
import { buildApp as tuningExample } from '../examples/tuning/main';
import { Finding, formatFinding, ManifestSource } from '../manifest';
import { loadKubeConfig } from '../policies/kube-client';
import { SchemaValidator } from '../policies/schema-validator';
import { serverDryRun } from '../policies/server-dry-run';
import { buildApp as defaultStack } from '../stacks/main';
import { collectionOf, objectPaths, objectStates } from './cluster/object-state';
import { sharedCluster } from './cluster/shared';
import { buildEveryKindApp } from './every-kind';

const cluster = sharedCluster();
const kc = loadKubeConfig(cluster.kubeconfigPath);
const validator = SchemaValidator.for();

/** The synthesized objects of an app; fails on construct errors. */
function sourcesOf(app: App): ManifestSource[] {
  const { sources, findings } = synthesize(app);
  expect(findings.map(formatFinding)).toEqual([]);
  return sources;
}

/** The collection (`/api[s]/<apiVersion>/<plural>`, all namespaces) of each kind in `sources`. */
function collectionsOf(sources: ManifestSource[]): string[] {
  return [...new Set(sources.map(({ object: { apiVersion, kind } }) => {
    const plural = validator.entry(apiVersion, kind)?.plural;
    if (!plural) throw new Error(`no plural known for ${apiVersion} ${kind}`);
    return `${apiVersion.includes('/') ? '/apis' : '/api'}/${apiVersion}/${plural}`;
  }))].sort();
}

// Other test files share the cluster and make objects of these kinds meanwhile (in namespaces
// and with names of their own), so "unchanged" is checked on what this file sends: the state
// of each object a dry run addresses, taken just before it is first sent.
const sent = new Map<string, string>();
async function dryRun(sources: ManifestSource[]) {
  const paths = objectPaths(sources.map((s) => s.object), validator).filter((p) => !sent.has(p));
  const states = await objectStates(cluster.client, paths);
  paths.forEach((p, i) => sent.set(p, states[i]));
  return serverDryRun(kc, sources);
}

// Every kind our constructs emit (the every-kind app emits them all, see every-kind.test.ts).
let collections: string[];
const DEFAULT_NAMESPACE = '/api/v1/namespaces/default';
beforeAll(async () => {
  // The default app's Argo CD objects go to Argo CD's namespace, which installing Argo CD creates.
  await cluster.client.ensureNamespace('argocd');
  collections = collectionsOf(sourcesOf(buildEveryKindApp()));
  // An object that exists, watched alike: the check below sees existing objects, not only absent ones.
  sent.set(DEFAULT_NAMESPACE, (await objectStates(cluster.client, [DEFAULT_NAMESPACE]))[0]);
});

describe('everything our constructs emit passes server-side dry run', () => {
  test.each<[string, () => App]>([
    ['the every-kind app', buildEveryKindApp],
    ['examples/training', trainingExample],
    ['examples/tuning', tuningExample],
    ['examples/pipelines', pipelinesExample],
    ['examples/mxnet', mxnetExample],
    ['examples/features-to-serving', featuresExample],
    ['examples/serving (rollout stage 0)', () => servingExample(0)],
    ['examples/serving (rollout stage 1)', () => servingExample(1)],
    ['examples/serving (promoted)', () => servingExample(2)],
    ['the default stack (stacks/main.ts)', defaultStack],
  ])('%s', async (_name, build) => {
    const sources = sourcesOf(build());
    const result = await dryRun(sources);
    expect(result.findings.map(formatFinding)).toEqual([]);
    expect(result.checked).toBe(sources.length);
  });
});

// ---------------------------------------------------------------------------------------------
// One rejection per domain. Each object is built by the constructs, then broken through an escape
// hatch (addJsonPatch), as a user could. Objects sit in `default`, which exists.

/** Synthesizes what `add` builds in a one-stack app (namespace `default`), local schema findings and the server's. */
async function check(add: (stack: Stack) => void): Promise<{ local: Finding[]; server: Finding[] }> {
  const app = new App();
  add(new Stack(app, 'negative', { namespace: 'default' }));
  const sources = sourcesOf(app);
  const local = validator.validateAll(sources);
  const { findings: server } = await dryRun(sources);
  return { local, server };
}

const patch = (construct: IConstruct, ...ops: JsonPatch[]) => ApiObject.of(construct).addJsonPatch(...ops);
const image = 'ghcr.io/example/trainer:1.2.0';

interface Rejection {
  /** JSON path the server names. @default - not checked (a CEL rule on the whole object names none) */
  readonly path?: string;
  /** The server's own message. */
  readonly message: RegExp;
}

describe('the server validates what it is sent: one rejection per domain', () => {
  test.each<[string, (stack: Stack) => void, string[], Rejection]>([
    ['tenancy: a contributor RoleBinding bound to a Group (a rule of the built-in API only the server knows)', (stack) => {
      const tenant = new Tenant(stack, 'Team', { name: 'neg-team', owner: 'alice@example.com', contributors: [{ email: 'bob@example.com' }] });
      patch(tenant.node.findChild('Contributor-bob@example.com'), JsonPatch.replace('/roleRef/kind', 'Group'));
    }, [], { path: '.roleRef.kind', message: /roleRef\.kind: Unsupported value: "Group": supported values: "Role", "ClusterRole"/ }],
    ['notebooks: a Notebook with an invalid memory quantity (the CRD\'s quantity pattern)', (stack) => {
      patch(new Notebook(stack, 'Lab'), JsonPatch.replace('/spec/template/spec/containers/0/resources/limits/memory', '1.5.5Gi'));
    }, ['.spec.template.spec.containers[0].resources.limits.memory'], {
      path: '.spec.template.spec.containers[0].resources.limits.memory', message: /Invalid value: "1\.5\.5Gi": spec\.template\.spec\.containers\[0\]\.resources\.limits\.memory in body should match/,
    }],
    ['training: a TrainJob whose name breaks the CRD\'s CEL rule (RFC 1035 label), which the local CEL check evaluates too', (stack) => {
      const runtime = new ClusterTrainingRuntime(stack, 'Runtime', { trainer: { image } });
      new TrainJob(stack, 'Job', { runtime }).apiObject.addJsonPatch(JsonPatch.replace('/metadata/name', 'llama.finetune'));
    }, ['.'], { message: /TrainJob\.trainer\.kubeflow\.org "llama\.finetune" is invalid: .*metadata\.name must match RFC 1035 DNS label format/ }],
    ['tuning: an Experiment with an invalid label value (Katib\'s CRD is opaque, so the server checks only metadata)', (stack) => {
      experiment(stack).apiObject.addJsonPatch(JsonPatch.add('/metadata/labels/team', 'vision & nlp'));
    }, [], { path: '.metadata.labels', message: /metadata\.labels: Invalid value: "vision & nlp": a valid label must be an empty string or consist of alphanumeric characters/ }],
    ['pipelines: a PipelineVersion whose versionName breaks the CRD\'s pattern', (stack) => {
      const hello = PipelineComponent.define({ name: 'hello' }, (p) => { p.task(ContainerComponent.define({ name: 'echo', image }), {}); });
      new KfpPipeline(stack, 'Hello', { pipeline: hello }).versionObject.addJsonPatch(JsonPatch.add('/spec/versionName', 'V1_final'));
    }, ['.spec.versionName'], { path: '.spec.versionName', message: /spec\.versionName: Invalid value: "V1_final": spec\.versionName in body should match/ }],
    ['serving: an InferenceGraph node with an unknown router type (the CRD\'s enum)', (stack) => {
      patch(new InferenceGraph(stack, 'Graph', { root: GraphNode.sequence([GraphStep.service(InferenceService.fromName(stack, 'ModelA', 'model-a', 'default'))]) }), JsonPatch.replace('/spec/nodes/root/routerType', 'Random'));
    }, ['.spec.nodes.root.routerType'], { path: '.spec.nodes.root.routerType', message: /spec\.nodes\.root\.routerType: Unsupported value: "Random": supported values: "Sequence", "Splitter", "Ensemble", "Switch"/ }],
    ['features: a FeatureStore with two authorizations (the CRD\'s CEL rule, which the local CEL check evaluates too)', (stack) => {
      new FeatureStore(stack, 'Features', { project: 'fraud' }).apiObject.addJsonPatch(JsonPatch.add('/spec/authz/noAuth', true));
    }, ['.spec.authz'], { message: /spec\.authz: Invalid value: One selection required between kubernetes, oidc, or noAuth/ }],
  ])('%s', async (_name, add, localPaths, rejection) => {
    const { local, server } = await check(add);
    expect(local.map((f) => f.path)).toEqual(localPaths);
    expect(server).toHaveLength(1);
    expect(server[0]).toMatchObject({ severity: 'error', rule: 'server/invalid', ...(rejection.path ? { path: rejection.path } : {}) });
    expect(server[0].message).toMatch(rejection.message);
  });

  test('what neither check sees: PyTorchJob\'s cleanPodPolicy is a plain string in the v1.9.4 CRD, so the typed CleanPodPolicy is the only guard', async () => {
    const { local, server } = await check((stack) => {
      new PyTorchJob(stack, 'Job', { worker: { image } }).apiObject.addJsonPatch(JsonPatch.add('/spec/runPolicy', { cleanPodPolicy: 'Sometimes' }));
    });
    expect([local, server]).toEqual([[], []]);
  });

  test('what only the local check sees: an unknown field in an Experiment\'s spec, which Katib\'s opaque CRD keeps', async () => {
    const { local, server } = await check((stack) => { experiment(stack).apiObject.addJsonPatch(JsonPatch.add('/spec/objective/goals', 1)); });
    expect(local.map((f) => f.path)).toEqual(['.spec.objective.goals']);
    expect(server).toEqual([]);
  });

  test('names at the 63-character limit of the instance label pass; longer ones are construct errors (the server rejected them)', async () => {
    const name = 'n'.repeat(63);
    const { local, server } = await check((stack) => {
      const datasets = new PodDefault(stack, 'Datasets', { name, description: 'datasets' });
      new Notebook(stack, 'Lab', { podDefaults: [datasets] });
      new ClusterTrainingRuntime(stack, 'Runtime', { name, trainer: { image } });
      new StorageCredentials(stack, 'Credentials', { name, secretNames: ['models-s3'] });
      new PyTorchJob(stack, 'Job', { worker: { image }, scheduler: Scheduler.kueue(name, { priorityClass: name }) });
    });
    expect([local, server]).toEqual([[], []]);
    const longer = () => new StorageCredentials(new Stack(new App(), 'long', { namespace: 'default' }), 'Credentials', { name: `${name}n`, secretNames: ['models-s3'] });
    expect(longer).toThrow('is 64 characters long; at most 63 are allowed, because it is also the value of the app.kubernetes.io/instance label');
  });
});

function experiment(stack: Stack): Experiment {
  const lr = SearchSpace.double('lr', { min: 0.01, max: 0.1 });
  return new Experiment(stack, 'Tune', {
    objective: Metric.maximize('accuracy'), algorithm: Algorithm.random(), parameters: [lr], maxTrialCount: 3,
    trialTemplate: TrialTemplate.fromContainer({ image, args: [`--lr=${lr.ref}`] }),
  });
}

// Last (jest runs a file's tests and blocks in order): every test above was a dry run.
describe('afterwards', () => {
  test('the cluster is unchanged: no object the dry runs were sent (of every kind we emit) was created, changed or deleted', async () => {
    expect(collections).toHaveLength(28);
    expect(collections).toContain('/apis/cdk8s-kubeflow.io/v1alpha1/inventories');
    expect(collections).toContain('/apis/kubeflow.org/v1/pytorchjobs');
    const paths = [...sent.keys()];
    expect(collections.filter((c) => !paths.some((p) => collectionOf(p) === c))).toEqual([]); // every kind was sent
    expect(sent.get(DEFAULT_NAMESPACE)).toMatch(/^\/api\/v1\/namespaces\/default [0-9a-f-]{36} \d+$/); // the check sees what exists
    expect(await objectStates(cluster.client, paths)).toEqual([...sent.values()]);
  });
});
