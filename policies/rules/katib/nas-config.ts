import { asArray, asObject, asString } from '../json';
import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, parametersAt, specOf } from './experiment';
import { pyFloat } from './numbers';
import { NAS_ASSIGNMENTS } from './services';

export const nasConfigRule: Rule = {
  id: 'katib/nas-config',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'For enas and darts, each NAS operation has an operationType and parameters; each parameter a name and type, a list when categorical or discrete, min or max when int or double, and a step > 0 when double.',
  why: 'Katib accepts the experiment, but the ENAS and DARTS suggestion services reject such operations, and the experiment fails.',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/nas/common/validation.py validate_operations (called by the enas and darts services\' ValidateAlgorithmSettings)',
  *check(e) {
    const spec = specOf(e);
    if (!NAS_ASSIGNMENTS[algorithmName(spec) ?? '']) return;
    const operations = asArray(asObject(spec.nasConfig)?.operations);
    for (const [i, op] of operations.entries()) {
      const o = asObject(op) ?? {};
      const at = `.spec.nasConfig.operations[${i}]`;
      if (!asString(o.operationType)) yield { path: `${at}.operationType`, message: 'the operation type is empty', fix: 'name the operation, e.g. "convolution"' };
      const parameters = parametersAt(o.parameters, `${at}.parameters`);
      if (!parameters.length) {
        yield { path: `${at}.parameters`, message: `operation ${asString(o.operationType) ?? i} has no parameters`, fix: 'give the operation at least one parameter, e.g. its filter sizes' };
        continue;
      }
      for (const p of parameters) {
        if (!p.name) yield { path: `${p.path}.name`, message: 'is required', fix: 'name the parameter, e.g. "filter_size"' };
        if (!p.type) yield { path: `${p.path}.parameterType`, message: 'is required', fix: 'use categorical, discrete, int or double' };
        if ((p.type === 'categorical' || p.type === 'discrete') && !p.list.length) {
          yield { path: `${p.path}.feasibleSpace.list`, message: 'is empty', fix: 'give the values, e.g. ["3", "5"]' };
        } else if (p.type === 'int' || p.type === 'double') {
          if (!p.min && !p.max) yield { path: `${p.path}.feasibleSpace`, message: 'has neither min nor max', fix: 'give the range: min and max' };
          const step = pyFloat(p.step);
          if (p.type === 'double' && !(step !== undefined && step > 0)) {
            yield { path: `${p.path}.feasibleSpace.step`, message: p.step ? `must be a number > 0, got "${p.step}"` : 'is required for a double parameter of a NAS operation', fix: 'give a step, e.g. "0.1"' };
          }
        }
      }
    }
  },
};
