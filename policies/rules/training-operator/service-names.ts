import { asInt, asObject } from '../json';
import { Rule } from '../rule';
import { dns1035Problem } from './job-name';
import { jobKinds, replicasOf, specOf, WEBHOOK_KINDS } from './jobs';

const MAX = 63;

export const serviceNamesRule: Rule = {
  id: 'training-operator/service-names',
  category: 'runtime',
  severity: 'error',
  // The MPIJob controller creates no Services.
  appliesTo: jobKinds(...WEBHOOK_KINDS),
  summary: 'The pod and Service names the operator derives from a v1 job\'s name, `<name>-<replica type>-<last index>`, are at most 63 characters (counting an elastic job\'s maxReplicas).',
  why: 'The operator creates one Service per pod under that name, and a Service name longer than a DNS label is rejected by the API server: the pod has no address, and the job never starts. Nobody checks it when the job is created.',
  source: 'kubeflow/training-operator v1.9.4 pkg/core/utils.go GenGeneralName, used by pkg/controller.v1/common/service.go CreateNewService',
  *check(job) {
    const name = job.metadata?.name;
    if (typeof name !== 'string' || dns1035Problem(name)) return;
    const elastic = asObject(specOf(job).elasticPolicy);
    let longest = '';
    for (const r of replicasOf(job)) {
      const replicas = asInt(r.spec.replicas) ?? 1;
      const most = r.type === 'Worker' ? Math.max(replicas, asInt(elastic?.maxReplicas) ?? 0) : replicas;
      const derived = `${name}-${r.type.toLowerCase()}-${Math.max(most, 1) - 1}`;
      if (derived.length > longest.length) longest = derived;
    }
    if (longest.length <= MAX) return;
    const room = MAX - (longest.length - name.length);
    yield {
      path: '.metadata.name',
      message: `"${name}" is too long: the operator names a pod and Service "${longest}" (${longest.length} characters), and at most ${MAX} are allowed`,
      fix: room > 0 ? `shorten the name to at most ${room} characters` : 'run fewer replicas, or shorten the name',
    };
  },
};
