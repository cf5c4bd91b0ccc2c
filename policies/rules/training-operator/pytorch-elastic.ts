// What the PyTorchJob webhook checks of the elastic policy, and the etcd rendezvous host it does not.
import { asObject, asString } from '../json';
import { Rule } from '../rule';
import { jobKinds, replicasOf, specOf } from './jobs';

const ETCD_BACKENDS = ['etcd', 'etcd-v2'];

export const elasticWorkerRule: Rule = {
  id: 'training-operator/pytorchjob-elastic-worker',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds('PyTorchJob'),
  summary: 'A PyTorchJob with an `elasticPolicy` has a Worker replica spec.',
  why: 'Elastic training scales the workers between minReplicas and maxReplicas; the webhook rejects an elastic job without them.',
  source: 'kubeflow/training-operator v1.9.4 pkg/webhooks/pytorch/pytorchjob_webhook.go validateSpec',
  *check(job) {
    if (specOf(job).elasticPolicy === undefined || replicasOf(job).some((r) => r.type === 'Worker')) return;
    yield { path: '.spec.pytorchReplicaSpecs.Worker', message: 'is required with an elastic policy: elastic training scales the workers', fix: 'add a Worker replica spec, or remove elasticPolicy' };
  },
};

export const nprocPerNodeRule: Rule = {
  id: 'training-operator/pytorchjob-nproc-per-node',
  category: 'admission',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds('PyTorchJob'),
  summary: 'A PyTorchJob does not set both `nprocPerNode` and the deprecated `elasticPolicy.nProcPerNode`.',
  why: 'Both give torchrun\'s processes per pod; the webhook rejects a job that sets both.',
  source: 'kubeflow/training-operator v1.9.4 pkg/webhooks/pytorch/pytorchjob_webhook.go validateSpec',
  *check(job) {
    const spec = specOf(job);
    if (asObject(spec.elasticPolicy)?.nProcPerNode === undefined || spec.nprocPerNode === undefined) return;
    yield { path: '.spec.elasticPolicy.nProcPerNode', message: 'must not be used together with nprocPerNode (the webhook rejects both)', fix: 'drop elasticPolicy.nProcPerNode and keep nprocPerNode' };
  },
};

export const elasticNprocDeprecatedRule: Rule = {
  id: 'training-operator/pytorchjob-elastic-nproc-deprecated',
  category: 'admission',
  checksTemplates: true,
  severity: 'warning',
  appliesTo: jobKinds('PyTorchJob'),
  summary: 'A PyTorchJob gives its processes per pod in `nprocPerNode`, not in the deprecated `elasticPolicy.nProcPerNode`.',
  why: 'The webhook accepts the deprecated field with a warning; a later release of the operator drops it.',
  source: 'kubeflow/training-operator v1.9.4 pkg/webhooks/pytorch/pytorchjob_webhook.go validateSpec',
  *check(job) {
    const spec = specOf(job);
    if (asObject(spec.elasticPolicy)?.nProcPerNode === undefined) return;
    yield { path: '.spec.elasticPolicy.nProcPerNode', message: 'is deprecated by the training operator', fix: 'set spec.nprocPerNode instead (a count such as "4", or auto, gpu or cpu)' };
  },
};

export const etcdRendezvousHostRule: Rule = {
  id: 'training-operator/pytorchjob-etcd-rendezvous-host',
  category: 'runtime',
  checksTemplates: true,
  severity: 'error',
  appliesTo: jobKinds('PyTorchJob'),
  summary: 'An elastic PyTorchJob with the `etcd` or `etcd-v2` rendezvous backend sets `elasticPolicy.rdzvHost`.',
  why: 'Without it the operator points torchrun\'s rendezvous at worker 0, which runs no etcd server, so no worker ever joins. Nobody checks it when the job is created.',
  source: 'kubeflow/training-operator v1.9.4 pkg/controller.v1/pytorch/elastic.go generateEnvRDZVEndpoint',
  *check(job) {
    const elastic = asObject(specOf(job).elasticPolicy);
    const backend = asString(elastic?.rdzvBackend);
    if (!backend || !ETCD_BACKENDS.includes(backend) || elastic?.rdzvHost) return;
    yield {
      path: '.spec.elasticPolicy.rdzvHost',
      message: `is required with the ${backend} rendezvous backend: without it torchrun looks for etcd on worker 0`,
      fix: 'give the etcd server\'s host, or use the c10d backend, which needs no server',
    };
  },
};
