import { RuntimeFacts } from './runtime-match';

/**
 * The single-node ClusterServingRuntimes KServe v0.20 installs (config/runtimes/kustomization.yaml;
 * kserve-openvino.yaml ships there but is not installed), as the facts matching reads. A
 * platform may install others, or change these, so what they say is worth a warning only.
 */
export const BUILT_IN_RUNTIMES: ReadonlyMap<string, RuntimeFacts> = new Map(Object.entries({
  'kserve-sklearnserver': runtime(['v1', 'v2'], 'sklearn:1'),
  'kserve-xgbserver': runtime(['v1', 'v2'], 'xgboost:2'),
  'kserve-lgbserver': runtime(['v1', 'v2'], 'lightgbm:4'),
  'kserve-mlserver': runtime(['v2'], 'sklearn:0', 'sklearn:1', 'xgboost:1', 'xgboost:2', 'lightgbm:3', 'lightgbm:4', 'mlflow:1', 'mlflow:2'),
  'kserve-tensorflow-serving': runtime(['v1', 'grpc-v1'], 'tensorflow:1', 'tensorflow:2'),
  'kserve-torchserve': runtime(['v1', 'v2', 'grpc-v2'], 'pytorch:1'),
  // Triton also lists pytorch 1 without autoSelect: usable only when named.
  'kserve-tritonserver': runtime(['v2', 'grpc-v2'], 'tensorrt:8', 'tensorflow:1', 'tensorflow:2', 'onnx:1', 'triton:2', '!pytorch:1'),
  'kserve-huggingfaceserver': runtime(['v2', 'v1'], 'huggingface:1'),
  'kserve-pmmlserver': runtime(['v1', 'v2'], 'pmml:3', 'pmml:4'),
  'kserve-paddleserver': runtime(['v1', 'v2'], 'paddle:2'),
  'kserve-autogluonserver': runtime(['v1', 'v2'], 'autogluon:1'),
  'kserve-vllmserver': runtime(undefined, 'vLLM:1'),
  'kserve-predictiveserver': runtime(['v1', 'v2'], '!sklearn:1', '!xgboost:2', '!lightgbm:4'),
}));

/** `name:version`, auto-selectable unless it starts with `!`. */
function runtime(protocols: readonly string[] | undefined, ...formats: string[]): RuntimeFacts {
  return {
    protocols,
    formats: formats.map((f) => {
      const [name, version] = f.replace(/^!/, '').split(':');
      return { name, version, autoSelect: !f.startsWith('!') };
    }),
    disabled: false,
    multiModel: false,
    multiNode: false,
  };
}
