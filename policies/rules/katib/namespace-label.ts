import { Rule } from '../rule';
import { EXPERIMENT } from './experiment';

const LABEL = 'katib.kubeflow.org/metrics-collector-injection';

export const namespaceLabelRule: Rule = {
  id: 'katib/namespace-label',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: `When the experiment's Namespace is one of the objects, it has the label ${LABEL}: enabled (a namespace not among them may be labelled in the cluster and is not reported).`,
  why: 'Katib\'s webhook rejects experiments in a namespace without the label, and its pod webhook injects no metrics collector there.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validation_webhook.go ExperimentValidator.Handle',
  *check(e, context) {
    const namespace = e.metadata?.namespace;
    if (!namespace) return;
    const ns = context.objectNamed('', 'Namespace', namespace);
    if (!ns || ns.object.metadata?.labels?.[LABEL] === 'enabled') return;
    yield {
      path: '.metadata.namespace',
      message: `namespace "${namespace}" lacks the label ${LABEL}: enabled, so Katib rejects the experiment`,
      fix: `add the label ${LABEL}: enabled to Namespace ${namespace} (a Tenant passed as the experiment's \`tenant\` adds it)`,
    };
  },
};
