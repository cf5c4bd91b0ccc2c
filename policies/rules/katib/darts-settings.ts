import { asArray, asObject, asString } from '../json';
import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, parametersAt, settingsOf, specOf } from './experiment';
import { AT_LEAST_0, AT_LEAST_1, checkSettings, SettingRule } from './settings';

const RATE: SettingRule = { parse: 'float', ...AT_LEAST_0 };
const RULES: Readonly<Record<string, SettingRule>> = {
  num_epochs: { parse: 'int', range: '≥ 1', ok: (n) => n > 0 },
  w_lr: RATE, w_lr_min: RATE, alpha_lr: RATE, w_weight_decay: RATE, alpha_weight_decay: RATE, w_momentum: RATE, w_grad_clip: RATE,
  batch_size: { parse: 'int', ...AT_LEAST_1, none: true },
  num_workers: { parse: 'int', ...AT_LEAST_0 },
  init_channels: { parse: 'int', ...AT_LEAST_1 },
  print_step: { parse: 'int', ...AT_LEAST_1 },
  num_nodes: { parse: 'int', ...AT_LEAST_1 },
  stem_multiplier: { parse: 'int', ...AT_LEAST_1 },
};

export const dartsSettingsRule: Rule = {
  id: 'katib/darts-settings',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'darts settings have their type and range (num_epochs ≥ 1, rates and decays ≥ 0, batch_size ≥ 1, …); the first parameter of every operation but skip_connection is a list of filter sizes (a warning).',
  why: 'Katib accepts the experiment, but the DARTS suggestion service rejects invalid settings and the experiment fails; it builds `<type>_<n>x<n>` operations from the list of each operation\'s first parameter only, so an operation whose first parameter is a range is left out of the search.',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/nas/darts/service.py validate_algorithm_settings and get_search_space',
  *check(e) {
    const spec = specOf(e);
    if (algorithmName(spec) !== 'darts') return;
    yield* checkSettings(settingsOf(spec), RULES, { name: 'darts', algorithm: 'darts', rejectsUnknown: false });
    for (const [i, op] of asArray(asObject(spec.nasConfig)?.operations).entries()) {
      const o = asObject(op) ?? {};
      const type = asString(o.operationType) ?? '';
      const first = parametersAt(o.parameters, `.spec.nasConfig.operations[${i}].parameters`)[0];
      if (type === 'skip_connection' || !first || first.list.length) continue;
      yield {
        path: first.path,
        severity: 'warning',
        message: `is ${first.type || 'not a list'}, but DARTS reads the first parameter of each operation as its list of filter sizes, so ${type} is left out of the search`,
        fix: `make it categorical with the filter sizes, e.g. { name: ${first.name || 'filter_size'}, parameterType: categorical, feasibleSpace: { list: ["3", "5"] } }`,
      };
    }
  },
};
