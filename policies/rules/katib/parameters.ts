import { asArray, asObject } from '../json';
import { Rule } from '../rule';
import { EXPERIMENT, specOf } from './experiment';

const TYPES = ['int', 'double', 'categorical', 'discrete'];
const DISTRIBUTIONS = ['uniform', 'logUniform', 'normal', 'logNormal'];

export const parametersRule: Rule = {
  id: 'katib/parameters',
  category: 'admission',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'Each parameter has a known parameterType and distribution; int and double parameters have min and max and no list, categorical and discrete ones no min, max or step.',
  why: 'Katib\'s webhook rejects the experiment otherwise.',
  source: 'kubeflow/katib pkg/webhook/v1beta1/experiment/validator/validator.go validateParameters',
  *check(e) {
    const parameters = asArray(specOf(e).parameters);
    for (const [i, p] of parameters.entries()) {
      const o = asObject(p) ?? {};
      const at = `.spec.parameters[${i}]`;
      const type = o.parameterType;
      // Katib's ParameterTypeUnknown is the empty string.
      if (type !== undefined && type !== '' && !TYPES.includes(type as string)) {
        yield { path: `${at}.parameterType`, message: `parameterType ${JSON.stringify(type)} is not supported`, fix: `use one of ${TYPES.join(', ')}` };
      }
      const fs = asObject(o.feasibleSpace) ?? {};
      const d = fs.distribution;
      if (d !== undefined && d !== '' && !DISTRIBUTIONS.includes(d as string)) {
        yield { path: `${at}.feasibleSpace.distribution`, message: `distribution ${JSON.stringify(d)} is not supported`, fix: `use one of ${DISTRIBUTIONS.join(', ')}` };
      }
      // Katib's mutating webhook sets a distribution on every parameter before this check, so its
      // "feasibleSpace must be specified" never fires; an empty list fails at suggestion time.
      const given = (k: string) => fs[k] !== undefined && fs[k] !== '';
      const hasList = asArray(fs.list).length > 0;
      if (type === 'int' || type === 'double') {
        if (hasList) yield { path: `${at}.feasibleSpace.list`, message: `is not supported for parameterType ${type}`, fix: `use min and max, or make the parameter discrete or categorical` };
        if (!given('min') || !given('max')) yield { path: `${at}.feasibleSpace.${given('min') ? 'max' : 'min'}`, message: `is required for parameterType ${type}`, fix: 'give both min and max' };
      } else if (type === 'categorical' || type === 'discrete') {
        const extra = ['min', 'max', 'step'].filter(given);
        if (extra.length) yield { path: `${at}.feasibleSpace.${extra[0]}`, message: `${extra.join(', ')} ${extra.length > 1 ? 'are' : 'is'} not supported for parameterType ${type}`, fix: 'list the values in list, or make the parameter int or double' };
      }
    }
  },
};
