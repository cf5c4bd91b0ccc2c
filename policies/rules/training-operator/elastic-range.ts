import { asInt, asObject, path } from '../json';
import { Rule } from '../rule';
import { jobKinds, replicasOf, specOf } from './jobs';

/** The elastic bounds as the operator defaults them (setElasticPolicy): a missing bound takes the other's value, or the workers'. */
function bounds(min: number | undefined, max: number | undefined, workers: number): { min: number; max: number; defaulted?: string } {
  if (min !== undefined && max !== undefined) return { min, max };
  if (max !== undefined) return { min: max, max, defaulted: 'minReplicas defaults to maxReplicas' };
  if (min !== undefined) return { min, max: min, defaulted: 'maxReplicas defaults to minReplicas' };
  return { min: workers, max: workers };
}

export const elasticRangeRule: Rule = {
  id: 'training-operator/elastic-range',
  category: 'runtime',
  checksTemplates: true,
  severity: 'error',
  // The PaddleJob controller does not use its elastic policy (v1.9.4).
  appliesTo: jobKinds('PyTorchJob'),
  summary: 'An elastic PyTorchJob\'s `minReplicas` is at most its `maxReplicas`, and its Worker replicas lie between them (a missing bound defaults to the other).',
  why: 'The operator passes the range to the rendezvous (torchrun\'s PET_NNODES is `min:max`): with fewer workers than minReplicas the rendezvous waits forever, workers above maxReplicas are turned away, and an empty range fails at once. Nobody checks it when the job is created.',
  source: 'kubeflow/training-operator v1.9.4 pkg/apis/kubeflow.org/v1/pytorch_defaults.go setElasticPolicy; pkg/controller.v1/pytorch/elastic.go generateEnvNnodes',
  *check(job) {
    const elastic = asObject(specOf(job).elasticPolicy);
    const worker = replicasOf(job).find((r) => r.type === 'Worker');
    if (!elastic || !worker) return;
    const workers = asInt(worker.spec.replicas) ?? 1;
    const { min, max, defaulted } = bounds(asInt(elastic.minReplicas), asInt(elastic.maxReplicas), workers);
    if (min > max) {
      yield { path: '.spec.elasticPolicy.maxReplicas', message: `is ${max}, less than minReplicas ${min}`, fix: 'make maxReplicas at least minReplicas' };
    } else if (workers < min || workers > max) {
      yield {
        path: path(...worker.at, 'replicas'),
        message: `is ${workers}, outside the elastic range ${min}–${max}${defaulted ? ` (${defaulted} when it is not set)` : ''}`,
        fix: `start with between ${min} and ${max} workers (elasticPolicy.minReplicas … maxReplicas)`,
      };
    }
  },
};
