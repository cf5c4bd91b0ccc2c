import { Rule } from '../rule';
import { INFERENCE_GRAPH, INFERENCE_SERVICE } from './kinds';

/** KServe's `IsvcNameFmt` and `GraphNameFmt`: a DNS-1035 label without its length limit. */
const NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const nameFormat: Rule = {
  id: 'kserve/name-format',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE, INFERENCE_GRAPH],
  summary: 'InferenceService and InferenceGraph names consist of lower-case letters, digits and "-", start with a letter and end with a letter or digit (a DNS-1035 label).',
  why: 'KServe\'s webhooks reject other names: the name becomes the prefix of Service and host names, which must be DNS-1035 labels.',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/inference_service_validation.go validateInferenceServiceName; pkg/apis/serving/v1alpha1/inference_graph_validation.go validateInferenceGraphName',
  *check(o) {
    const name = o.metadata?.name;
    if (name === undefined || NAME.test(name)) return;
    yield {
      path: '.metadata.name',
      message: `"${name}" is not a valid DNS-1035 label: an ${o.kind} name must consist of lower case alphanumeric characters or '-', and must start with a letter`,
      fix: `rename it, e.g. "${suggest(name)}"`,
    };
  },
};

function suggest(name: string): string {
  const s = name.toLowerCase().replace(/[^-a-z0-9]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '');
  return s || 'my-model';
}
