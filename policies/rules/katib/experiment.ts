// Reading a Katib Experiment as plain, possibly malformed JSON (with the shared readers of
// ../json): every accessor tolerates wrong types (the schema reports those), so that a rule
// never throws on what `validate` reads.
import { Manifest } from '../../../manifest';
import { asArray, asObject, asString, Json, path, subPath } from '../json';
import { KindSelector } from '../rule';

/** The kind every Katib rule looks at. */
export const EXPERIMENT: readonly KindSelector[] = [{ group: 'kubeflow.org', kind: 'Experiment', versions: ['v1beta1'] }];

/** DefaultTrialParallelCount in pkg/apis/controller/experiments/v1beta1/constants.go: the mutating webhook's default. */
export const DEFAULT_PARALLEL_TRIAL_COUNT = 3;

export function specOf(e: Manifest): Json {
  return asObject(e.spec) ?? {};
}

/** `spec.algorithm.algorithmName` (or `spec.earlyStopping.algorithmName`). */
export function algorithmName(spec: Json, field: 'algorithm' | 'earlyStopping' = 'algorithm'): string | undefined {
  return asString(asObject(spec[field])?.algorithmName);
}

/** One entry of `algorithmSettings`, with its path. */
export interface Setting {
  readonly name: string;
  readonly value: string;
  /** Path of the value, e.g. `.spec.algorithm.algorithmSettings[0].value`. */
  readonly path: string;
  /** Path of the name. */
  readonly namePath: string;
}

export function settingsOf(spec: Json, field: 'algorithm' | 'earlyStopping' = 'algorithm'): Setting[] {
  return asArray(asObject(spec[field])?.algorithmSettings).flatMap((s, i) => {
    const o = asObject(s);
    const name = asString(o?.name);
    if (name === undefined) return [];
    return [{ name, value: asString(o?.value) ?? '', path: path('spec', field, 'algorithmSettings', i, 'value'), namePath: path('spec', field, 'algorithmSettings', i, 'name') }];
  });
}

/** One search-space parameter (`spec.parameters[i]` or a NAS operation's), its strings as given. */
export interface Parameter {
  readonly name: string;
  readonly type: string;
  readonly min: string;
  readonly max: string;
  readonly step: string;
  readonly list: readonly string[];
  readonly distribution: string;
  /** Path of the parameter, e.g. `.spec.parameters[0]`. */
  readonly path: string;
}

export function parametersAt(value: unknown, base: string): Parameter[] {
  return asArray(value).map((p, i) => {
    const o = asObject(p) ?? {};
    const fs = asObject(o.feasibleSpace) ?? {};
    return {
      name: asString(o.name) ?? '',
      type: asString(o.parameterType) ?? '',
      min: asString(fs.min) ?? '',
      max: asString(fs.max) ?? '',
      step: asString(fs.step) ?? '',
      list: asArray(fs.list).map((v) => String(v)),
      distribution: asString(fs.distribution) ?? '',
      path: subPath(base, i),
    };
  });
}

/** `spec.parameters`. */
export function parametersOf(spec: Json): Parameter[] {
  return parametersAt(spec.parameters, '.spec.parameters');
}

export function isNumeric(p: Parameter): boolean {
  return p.type === 'int' || p.type === 'double';
}

/** `parallelTrialCount` after Katib's mutating webhook: 3 when not set. */
export function parallelTrialCount(spec: Json): number {
  return typeof spec.parallelTrialCount === 'number' ? spec.parallelTrialCount : DEFAULT_PARALLEL_TRIAL_COUNT;
}

/** The trial parameters (`spec.trialTemplate.trialParameters`), with their index. */
export interface TrialParameter {
  readonly name: string;
  readonly reference: string;
  readonly index: number;
}

export function trialParametersOf(spec: Json): TrialParameter[] {
  return asArray(asObject(spec.trialTemplate)?.trialParameters).map((p, index) => {
    const o = asObject(p);
    return { name: asString(o?.name) ?? '', reference: asString(o?.reference) ?? '', index };
  });
}
