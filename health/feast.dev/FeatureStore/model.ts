import { HealthModel, MessagePart, noStatusYet, p, Rule, STUCK_CONTAINER_REASONS } from '../../model';

const PHASE = p('status.phase');
/** The aggregate condition the operator derives the phase from. */
const FEATURE_STORE = 'FeatureStore';
const featureStoreMessage: MessagePart = { conditionField: 'message', type: FEATURE_STORE };

/**
 * Per-component conditions, in the order the operator deploys them (authorization first, then
 * the servers, then the client ConfigMap and the CronJob). A failing one is False with the same
 * "Error: …" the FeatureStore condition carries.
 */
const COMPONENTS = ['Authorization', 'OfflineStore', 'OnlineStore', 'Registry', 'UI', 'Lineage', 'Client', 'CronJob'];

/**
 * The operator's pod containers (services.go: one per server, `feast-init` and `feast-apply`
 * init containers) and Istio's, which Kubeflow injects in profile namespaces.
 */
const CONTAINERS = ['registry', 'online', 'offline', 'ui', 'istio-proxy'];
const INIT_CONTAINERS = ['feast-init', 'feast-apply', 'istio-init', 'istio-validation', 'istio-proxy'];

/**
 * What `GetPodContainerFailureMessage` appends to "Deployment is not available" for a container
 * that needs a person: waiting for a stuck reason, or exited non-zero. The language tests text
 * by prefix only (Argo CD's scripts have no string library), so the prefixes name each
 * container; a stuck container of another name stays Progressing, its message shown.
 */
const STUCK_MESSAGES = [
  ...CONTAINERS.map((name) => `Container '${name}'`),
  ...INIT_CONTAINERS.map((name) => `Init container '${name}'`),
].flatMap((who) => [...STUCK_CONTAINER_REASONS.map((reason) => `${who} waiting: ${reason}`), `${who} failed with exit code `])
  .map((detail) => `Deployment is not available: ${detail}`);

const componentFailed = (type: string): Rule => ({
  when: { all: [{ field: PHASE, equals: 'Failed' }, { condition: type, status: 'False' }] },
  status: 'Degraded',
  message: [type, ': ', featureStoreMessage],
});

/**
 * Feast FeatureStore (feast-dev/feast infra/feast-operator, featurestore_controller.go
 * deployFeast): the phase mirrors the `FeatureStore` condition — Ready (True, "FeatureStore
 * installation complete"), Failed (False, FeatureStoreFailed, "Error: …" for any error applying
 * defaults, authorization or services) or Pending (Unknown, DeploymentNotAvailable, "Deployment
 * is not available[: <first failing container>]"). No observedGeneration. Argo CD has no check.
 */
export const MODEL: HealthModel = {
  group: 'feast.dev',
  kind: 'FeatureStore',
  argocd: 'lua',
  notes: 'FeatureStore: Ready → Healthy; Failed → Degraded (the failing component and the error); Pending → Progressing, or Degraded when its pod has a stuck container (CrashLoopBackOff, image pull errors, a non-zero exit).',
  rules: [
    noStatusYet('feast operator'),
    ...COMPONENTS.map(componentFailed),
    { when: { field: PHASE, equals: 'Failed' }, status: 'Degraded', message: [featureStoreMessage] },
    { when: { field: PHASE, equals: 'Ready' }, status: 'Healthy', message: [featureStoreMessage] },
    {
      when: { all: [{ field: PHASE, equals: 'Pending' }, { condition: FEATURE_STORE, status: 'Unknown', messageStartsWith: STUCK_MESSAGES }] },
      status: 'Degraded',
      message: [featureStoreMessage],
    },
    { when: { field: PHASE, equals: 'Pending' }, status: 'Progressing', message: [featureStoreMessage] },
  ],
  otherwise: { status: 'Progressing', message: ['waiting for the feast operator to report a phase'] },
};
