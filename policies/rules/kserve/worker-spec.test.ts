import { ruleFindings } from '../../../test/policy';
import { isvc, model, servingRuntime, STANDARD, where } from './test-objects';

describe('kserve/worker-spec', () => {
  test('rejects an InferenceService worker set loading from S3 with an autoscaler and size env vars', () => {
    const f = ruleFindings('kserve/worker-spec', isvc({
      predictor: { model: { modelFormat: { name: 'huggingface' }, storageUri: 's3://llm', env: [{ name: 'TENSOR_PARALLEL_SIZE', value: '2' }] }, workerSpec: { tensorParallelSize: 0, containers: [{ name: 'a' }, { name: 'b' }] } },
    }, STANDARD));
    expect(where(f)).toEqual([
      ['.spec.predictor.workerSpec.containers', 'setting multiple containers in workerSpec is not allowed'],
      ['.spec.predictor.workerSpec.tensorParallelSize', 'cannot be less than 1, got 0'],
      ['.spec.predictor.model.env[0]', 'setting TENSOR_PARALLEL_SIZE in environment variables is not allowed'],
      ['.spec.predictor.model.storageUri', 'Multinode only supports \'pvc\' and \'oci\' Storage Protocol(s3)'],
      ['.metadata.annotations["serving.kserve.io/autoscalerClass"]', 'Multinode only supports \'none\' autoscaler()'],
    ]);
  });

  test('rejects a runtime setting the sizes by env var', () => {
    const f = ruleFindings('kserve/worker-spec', servingRuntime('vllm-mn', { containers: [{ name: 'kserve-container', env: [{ name: 'PIPELINE_PARALLEL_SIZE', value: '2' }] }], workerSpec: { containers: [{ name: 'worker-container' }] } }));
    expect(where(f)).toEqual([['.spec.containers[0].env[0]', 'setting PIPELINE_PARALLEL_SIZE in environment variables is not allowed']]);
  });

  test('accepts a multi-node predictor on a PVC without autoscaler, and single-node objects', () => {
    expect(ruleFindings('kserve/worker-spec',
      isvc({ predictor: { model: { modelFormat: { name: 'huggingface' }, storageUri: 'pvc://llm/model' }, workerSpec: { pipelineParallelSize: 2, tensorParallelSize: 1 } } }, { ...STANDARD, 'serving.kserve.io/autoscalerClass': 'none' }),
      isvc({ predictor: model() }, {}, 'single'),
    )).toEqual([]);
  });
});
