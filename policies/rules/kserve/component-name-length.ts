import { asString } from '../json';
import { Rule } from '../rule';
import { componentsOf } from './components';
import { INFERENCE_GRAPH, INFERENCE_SERVICE } from './kinds';
import { modeOf } from './mode';

/** Kubernetes Service names (and Knative revision names) are DNS-1035 labels: at most 63 characters. */
const LIMIT = 63;
/** Knative names a Service's first revision `<service>-00001`. */
const REVISION = '-00001';

export const componentNameLength: Rule = {
  id: 'kserve/component-name-length',
  category: 'runtime',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE, INFERENCE_GRAPH],
  summary: 'The names KServe derives from the object\'s name fit 63 characters: `<name>[-<predictor name>]-predictor`, `<name>-transformer`, `<name>-explainer`, `<name>-<canary name>-predictor`, and in Knative mode their first revision `…-00001` (an InferenceGraph: `<name>`, in Knative mode `<name>-00001`).',
  why: 'KServe names each component\'s Deployment and Service (Knative: Service and revisions) after the object; a name over 63 characters is not a valid Service name, so the component never starts, while the object itself is accepted.',
  source: 'kserve/kserve pkg/constants/constants.go PredictorServiceName, TransformerServiceName, ExplainerServiceName',
  *check(o) {
    const name = o.metadata?.name;
    if (!name) return;
    const revision = modeOf(o).name === 'Knative' ? REVISION : '';
    const derived: Array<{ full: string; by: string }> = [];
    if (o.kind === 'InferenceGraph') {
      derived.push(revision ? { full: `${name}${revision}`, by: 'Knative names the graph\'s first revision' } : { full: name, by: 'KServe names the graph\'s Deployment and Service' });
    } else {
      const by = 'KServe names a component\'s Deployment and Service';
      for (const c of componentsOf(o, { canaries: true })) {
        const own = c.kind === 'predictor' ? asString(c.spec.name) : undefined;
        derived.push({ full: `${name}${own ? `-${own}` : ''}-${c.kind}${c.canary ? '' : revision}`, by });
      }
    }
    const over = derived.filter((d) => d.full.length > LIMIT).sort((a, b) => b.full.length - a.full.length)[0];
    if (!over) return;
    const fits = LIMIT - (over.full.length - name.length);
    yield {
      path: '.metadata.name',
      message: `"${name}" is too long: ${over.by} "${over.full}" (${over.full.length} characters), and at most ${LIMIT} are allowed`,
      fix: fits > 0 ? `shorten the name to at most ${fits} characters` : `shorten what follows the name in "${over.full}"`,
    };
  },
};

