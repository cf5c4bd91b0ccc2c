import { IConstruct } from 'constructs';
import { fail, field as join } from '../core';
import { RenderedParameter, SearchParameter } from './search-space';

/**
 * One operation the architecture search may place on a layer, e.g. a convolution with its
 * filter sizes: `NasOperation.of('convolution', [SearchSpace.categorical('filter_size', ['3', '5'])])`.
 * The operation types and parameter names are the trial image's vocabulary (Katib's ENAS and
 * DARTS examples use `convolution`, `separable_convolution`, `depthwise_convolution`,
 * `reduction`, `max_pooling`, `avg_pooling`, `skip_connection`, …).
 */
export class NasOperation {
  public static of(type: string, parameters: SearchParameter[]): NasOperation {
    return new NasOperation(type, [...parameters]);
  }

  private constructor(
    public readonly type: string,
    public readonly parameters: SearchParameter[],
  ) {}
}

/** The network the architecture search builds (`spec.nasConfig`). */
export interface NasConfigProps {
  /** Layers of the network. */
  readonly numLayers: number;
  /** Input dimensions, e.g. [32, 32, 3] for CIFAR-10 images. Required by ENAS. @default - none */
  readonly inputSizes?: number[];
  /** Output dimensions, e.g. [10] classes. Required by ENAS. @default - none */
  readonly outputSizes?: number[];
  /** The operations to choose from, each type once. */
  readonly operations: NasOperation[];
}

/** Wire format of `spec.nasConfig`. @internal */
export interface RenderedNasConfig {
  graphConfig: { numLayers: number; inputSizes?: number[]; outputSizes?: number[] };
  operations: Array<{ operationType: string; parameters: RenderedParameter[] }>;
}

/**
 * Throws unless the typed NAS config is usable: whole positive layer counts and sizes, each
 * operation typed once with parameters, each parameter valid. What Katib's NAS suggestions
 * require across fields (a double's step, ENAS's sizes, DARTS's filter-size lists) is the
 * katib/nas-config, katib/enas-settings and katib/darts-settings rules' at synth.
 * @internal
 */
export function validateNas(scope: IConstruct, field: string, nas: NasConfigProps): void {
  if (!Number.isInteger(nas.numLayers) || nas.numLayers < 1) {
    fail(scope, join(field, 'numLayers'), `must be a whole number ≥ 1, got ${nas.numLayers}`, 'give the number of layers to search, e.g. 8');
  }
  for (const key of ['inputSizes', 'outputSizes'] as const) {
    for (const n of nas[key] ?? []) {
      if (!Number.isInteger(n) || n < 1) fail(scope, join(field, key), `${n} is not a whole number ≥ 1`, 'give the dimensions as positive whole numbers, e.g. [32, 32, 3]');
    }
  }
  if (nas.operations.length === 0) fail(scope, join(field, 'operations'), 'is empty', 'add at least one NasOperation.of(type, parameters)');
  const types = new Set<string>();
  for (const op of nas.operations) {
    const opField = join(field, 'operations', op.type || '<empty>');
    if (!op.type.trim()) fail(scope, opField, 'the operation type is empty', 'name the operation, e.g. "convolution"');
    // operations is a map keyed by operationType in Katib's API.
    if (types.has(op.type)) fail(scope, opField, `operation "${op.type}" is listed twice`, 'merge their parameters into one operation');
    types.add(op.type);
    if (op.parameters.length === 0) fail(scope, opField, 'has no parameters', 'give the operation at least one parameter, e.g. its filter sizes');
    const names = new Set<string>();
    for (const p of op.parameters) {
      const pField = join(opField, p.name);
      if (names.has(p.name)) fail(scope, pField, `parameter "${p.name}" is listed twice`, 'list each parameter once');
      names.add(p.name);
      p._validate(scope, pField);
    }
  }
}

/** @internal */
export function renderNas(nas: NasConfigProps): RenderedNasConfig {
  return {
    graphConfig: {
      numLayers: nas.numLayers,
      inputSizes: nas.inputSizes?.length ? [...nas.inputSizes] : undefined,
      outputSizes: nas.outputSizes?.length ? [...nas.outputSizes] : undefined,
    },
    operations: nas.operations.map((op) => ({ operationType: op.type, parameters: op.parameters.map((p) => p._render()) })),
  };
}
