import { IConstruct } from 'constructs';
import { fail, field as join } from '../core';
import { num } from './wire';

/** Settings of median stopping (Katib's medianstop service). */
export interface MedianStopSettings {
  /**
   * Succeeded trials needed before any trial is stopped, ≥ 1 (`min_trials_required`).
   * @default 3
   */
  readonly minTrialsRequired?: number;
  /**
   * Reported values of the objective metric a trial gets before it is compared with the median,
   * ≥ 1 (`start_step`).
   * @default 4
   */
  readonly startStep?: number;
}

/**
 * Stops trials early that are doing worse than the others: `EarlyStopping.medianStop({...})`
 * stops a trial whose objective metric, after `startStep` reports, is worse than the median of
 * the succeeded trials' running averages at that step.
 */
export class EarlyStopping {
  public static medianStop(settings: MedianStopSettings = {}): EarlyStopping {
    return new EarlyStopping('medianstop', settings);
  }

  private constructor(
    /** Katib's `algorithmName`. */
    public readonly name: string,
    private readonly settings: MedianStopSettings,
  ) {}

  /** Throws unless the settings pass validate_medianstop_setting (kubeflow/katib pkg/earlystopping/v1beta1/medianstop/service.py). @internal */
  public _validate(scope: IConstruct, field: string): void {
    const s = this.settings;
    if (s.minTrialsRequired !== undefined && !(Number.isInteger(s.minTrialsRequired) && s.minTrialsRequired > 0)) {
      fail(scope, join(field, 'minTrialsRequired'), `min_trials_required must be a whole number ≥ 1, got ${s.minTrialsRequired}`, 'give a count such as 3');
    }
    if (s.startStep !== undefined && !(Number.isInteger(s.startStep) && s.startStep >= 1)) {
      fail(scope, join(field, 'startStep'), `start_step must be a whole number ≥ 1, got ${s.startStep}`, 'give a count such as 4');
    }
  }

  /** @internal */
  public _render(): { algorithmName: string; algorithmSettings?: Array<{ name: string; value: string }> } {
    const s = this.settings;
    const settings = [
      ...(s.minTrialsRequired !== undefined ? [{ name: 'min_trials_required', value: num(s.minTrialsRequired) }] : []),
      ...(s.startStep !== undefined ? [{ name: 'start_step', value: num(s.startStep) }] : []),
    ];
    return { algorithmName: this.name, algorithmSettings: settings.length ? settings : undefined };
  }
}
