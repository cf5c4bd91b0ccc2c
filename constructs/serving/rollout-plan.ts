import { IConstruct } from 'constructs';
import { fail, field as join } from '../core';
import { CanaryProps } from './canary';

/**
 * A staged canary rollout as code: `RolloutPlan.of(10, 50, 100)`. Each stage is one manifest;
 * promoting is a one-line pull request that bumps `stage` (see {@link RolloutProps}). The last
 * stage must be 100: it promotes the candidate and removes the canary, leaving the manifest a
 * service without a rollout would have.
 */
export class RolloutPlan {
  /** Traffic percentages per stage, increasing, ending at 100. */
  static of(...steps: number[]): RolloutPlan {
    return new RolloutPlan(steps);
  }

  private constructor(public readonly steps: readonly number[]) {}

  /** Number of stages. */
  public get length(): number {
    return this.steps.length;
  }

  /** Index of the last stage, the promotion. */
  public get promotionStage(): number {
    return this.steps.length - 1;
  }

  /** Throws unless the plan is well-formed and `stage` is one of its stages. @internal */
  public _validate(scope: IConstruct, field: string, stage: number): void {
    const steps = this.steps;
    const f = join(field, 'plan');
    const example = 'e.g. RolloutPlan.of(10, 50, 100)';
    if (steps.length < 2) fail(scope, f, `has ${steps.length} stage(s); a rollout needs at least a canary stage and the promotion`, example);
    steps.forEach((p, i) => {
      if (!Number.isInteger(p) || p < 0 || p > 100) fail(scope, f, `stage ${i} is ${p}%, not a whole percentage between 0 and 100`, example);
      if (i > 0 && p <= steps[i - 1]) fail(scope, f, `stage ${i} (${p}%) does not increase on stage ${i - 1} (${steps[i - 1]}%)`, `give increasing percentages, ${example}`);
    });
    if (steps[steps.length - 1] !== 100) fail(scope, f, `ends at ${steps[steps.length - 1]}%; the last stage must be 100% (the promotion)`, example);
    if (!Number.isInteger(stage) || stage < 0 || stage >= steps.length) {
      fail(scope, join(field, 'stage'), `${stage} is not a stage of the plan (0–${steps.length - 1})`, `give the index of the current stage; ${steps.length - 1} promotes the candidate`);
    }
  }
}

/** Where a service is in a staged rollout. */
export interface RolloutProps {
  readonly plan: RolloutPlan;
  /**
   * The current stage, an index into `plan.steps` (0 = first canary stage). Bump it in a pull
   * request to move on; the last stage promotes the candidate.
   */
  readonly stage: number;
  /**
   * Standard mode: the candidate (name and model) that runs beside the predictor until promoted;
   * at the last stage it becomes the predictor, under its name.
   * Knative mode: leave out; the predictor as written is the candidate.
   * @default - none (Knative)
   */
  readonly candidate?: Omit<CanaryProps, 'trafficPercent'>;
}
