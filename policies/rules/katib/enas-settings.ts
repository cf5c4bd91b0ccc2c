import { asArray, asObject } from '../json';
import { Rule } from '../rule';
import { algorithmName, EXPERIMENT, settingsOf, specOf } from './experiment';
import { ABOVE_0, AT_LEAST_1, checkSettings, SettingRule } from './settings';

const FRACTION = { range: '> 0 and ≤ 1', ok: (n: number) => n > 0 && n <= 1 } as const;
// algorithmSettingsValidator and enableNoneSettingsList in pkg/suggestion/v1beta1/nas/enas/AlgorithmSettings.py.
const RULES: Readonly<Record<string, SettingRule>> = {
  controller_hidden_size: { parse: 'int', ...AT_LEAST_1 },
  controller_temperature: { parse: 'float', ...ABOVE_0, none: true },
  controller_tanh_const: { parse: 'float', ...ABOVE_0, none: true },
  controller_entropy_weight: { parse: 'float', ...ABOVE_0, none: true },
  controller_baseline_decay: { parse: 'float', ...FRACTION },
  controller_learning_rate: { parse: 'float', ...FRACTION },
  controller_skip_target: { parse: 'float', ...FRACTION },
  controller_skip_weight: { parse: 'float', ...ABOVE_0, none: true },
  controller_train_steps: { parse: 'int', ...AT_LEAST_1 },
  controller_log_every_steps: { parse: 'int', ...AT_LEAST_1 },
};

export const enasSettingsRule: Rule = {
  id: 'katib/enas-settings',
  category: 'runtime',
  severity: 'error',
  appliesTo: EXPERIMENT,
  summary: 'enas has nasConfig.graphConfig with numLayers, inputSizes and outputSizes, and only the controller_* settings, each of its type and range.',
  why: 'Katib accepts the experiment, but the ENAS suggestion service rejects it, and the experiment fails.',
  source: 'kubeflow/katib pkg/suggestion/v1beta1/nas/enas/service.py EnasService.ValidateAlgorithmSettings',
  *check(e) {
    const spec = specOf(e);
    if (algorithmName(spec) !== 'enas') return;
    const graph = asObject(asObject(spec.nasConfig)?.graphConfig) ?? {};
    const sizes: Array<[string, string]> = [['inputSizes', 'give the input dimensions, e.g. [32, 32, 3]'], ['outputSizes', 'give the output dimensions, e.g. [10]']];
    for (const [key, fix] of sizes) {
      if (!asArray(graph[key]).length) yield { path: `.spec.nasConfig.graphConfig.${key}`, message: 'is required by ENAS', fix };
    }
    if (!graph.numLayers) yield { path: '.spec.nasConfig.graphConfig.numLayers', message: 'is required by ENAS', fix: 'give the number of layers to search, e.g. 8' };
    yield* checkSettings(settingsOf(spec), RULES, { name: 'enas', algorithm: 'enas', rejectsUnknown: true });
  },
};
