import { path } from '../json';
import { Rule } from '../rule';
import { Component, componentsOf, implementationsOf, KSERVE_CONTAINER, PREDICTOR_FRAMEWORKS } from './components';
import { INFERENCE_SERVICE } from './kinds';

const FIX: Record<Component['kind'], string> = {
  predictor: `serve a model format with \`model: { modelFormat: { name: ... }, storageUri: ... }\`, or your own server with \`containers: [{ name: ${KSERVE_CONTAINER}, image: ... }]\` (other containers beside a model are sidecars and must not be named ${KSERVE_CONTAINER})`,
  transformer: `give the transformer's server in \`containers: [{ name: ${KSERVE_CONTAINER}, image: ... }]\``,
  explainer: 'use KServe\'s ART explainer (`art: { type: SquareAttack }`) or your own server in `containers`, not both',
};

const OPTIONS: Record<Component['kind'], string> = {
  predictor: [...PREDICTOR_FRAMEWORKS, 'containers'].join(', '),
  transformer: 'containers',
  explainer: 'art, containers',
};

export const exactlyOneImplementation: Rule = {
  id: 'kserve/exactly-one-implementation',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'Each component has exactly one implementation: a predictor one of model, a framework field or a custom `kserve-container`; a transformer its containers; an explainer `art` or containers. The same for each canary\'s predictor.',
  why: 'KServe\'s webhook rejects a component with none or several ("exactly one of [...] must be specified in PredictorSpec"): it could not tell which server to run.',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/component.go validateExactlyOneImplementation; predictor.go, transformer.go, explainer.go GetImplementations',
  *check(o) {
    for (const c of componentsOf(o, { canaries: true })) {
      const found = implementationsOf(c);
      if (found.length === 1) continue;
      yield {
        path: path(...c.at),
        message: `exactly one of [${OPTIONS[c.kind]}] must be set in the ${c.label}, got ${found.length === 0 ? 'none' : describe(found, c.kind)}`,
        fix: FIX[c.kind],
      };
    }
  },
};

function describe(found: readonly string[], kind: Component['kind']): string {
  const containers = found.filter((f) => f === 'containers').length;
  // Several implementations from containers only happen with containers named kserve-container.
  const label = kind === 'predictor' ? `${containers} container(s) named ${KSERVE_CONTAINER}` : 'containers';
  return [...found.filter((f) => f !== 'containers'), ...(containers ? [label] : [])].join(' and ');
}
