import { ConstructError } from '../core/errors';

/**
 * Fails a pipeline definition: `where` names the pipeline, component or task
 * (`pipeline train › task evaluate`); a construct deploying it re-raises with its own path.
 * @internal
 */
export function pipelineError(where: string, field: string, problem: string, fix: string): never {
  throw new ConstructError(where, field, problem, fix);
}
