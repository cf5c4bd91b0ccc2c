// The KFP type system: parameter types and artifact types, as the pipeline IR names them.

/** A JSON value: what a pipeline parameter holds. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The IR's parameter types (`ParameterType` in pipeline_spec.proto). */
export type ParameterType = 'STRING' | 'NUMBER_INTEGER' | 'NUMBER_DOUBLE' | 'BOOLEAN' | 'LIST' | 'STRUCT';

/** The TypeScript value of each parameter type. */
export interface ParameterValues {
  STRING: string;
  NUMBER_INTEGER: number;
  NUMBER_DOUBLE: number;
  BOOLEAN: boolean;
  LIST: JsonValue[];
  STRUCT: { [key: string]: JsonValue };
}

/** Options of a parameter input. */
export interface ParameterOptions<T extends ParameterType> {
  /** The value when the task does not bind the input (makes it optional). @default - required */
  readonly default?: ParameterValues[T];
  /** Optional without a default (`None` in Python): use with `Placeholder.ifPresent`. @default false */
  readonly optional?: boolean;
  /** Shown in the KFP UI. @default - none */
  readonly description?: string;
}

/** Options of a list parameter. */
export interface ListParameterOptions extends ParameterOptions<'LIST'> {
  /** The type of the items, for loops over it (`List[int]` in Python). @default 'STRING' */
  readonly items?: Exclude<ParameterType, 'LIST'>;
}

/** A typed parameter (input or output) of a component or pipeline. */
export class ParameterSpec<T extends ParameterType = ParameterType, O extends boolean = boolean> {
  /** @internal */ public readonly _optional!: O;
  public readonly kind = 'parameter' as const;
  constructor(
    public readonly type: T,
    public readonly options: ParameterOptions<T> = {},
    /** The item type of a LIST. */
    public readonly itemType: Exclude<ParameterType, 'LIST'> = 'STRING',
  ) {}
  /** Whether a task may leave it unbound. */
  public get isOptional(): boolean {
    return this.options.optional === true || this.options.default !== undefined;
  }
}

/** Typed parameters: `Param.int({ default: 10 })`. */
export class Param {
  public static string<D extends ParameterOptions<'STRING'>>(options?: D): ParameterSpec<'STRING', Opt<D>> { return new ParameterSpec('STRING', options); }
  public static int<D extends ParameterOptions<'NUMBER_INTEGER'>>(options?: D): ParameterSpec<'NUMBER_INTEGER', Opt<D>> { return new ParameterSpec('NUMBER_INTEGER', options); }
  public static float<D extends ParameterOptions<'NUMBER_DOUBLE'>>(options?: D): ParameterSpec<'NUMBER_DOUBLE', Opt<D>> { return new ParameterSpec('NUMBER_DOUBLE', options); }
  public static bool<D extends ParameterOptions<'BOOLEAN'>>(options?: D): ParameterSpec<'BOOLEAN', Opt<D>> { return new ParameterSpec('BOOLEAN', options); }
  public static list<D extends ListParameterOptions>(options?: D): ParameterSpec<'LIST', Opt<D>> { return new ParameterSpec('LIST', options, options?.items); }
  public static struct<D extends ParameterOptions<'STRUCT'>>(options?: D): ParameterSpec<'STRUCT', Opt<D>> { return new ParameterSpec('STRUCT', options); }
}

/** Whether the options make an input optional, at the type level. */
export type Opt<D> = D extends { default: any } ? true : D extends { optional: true } ? true : false;

/** The artifact types of `kfp.dsl` (schema titles of the `system` namespace). */
export const ARTIFACT_TYPES = {
  artifact: 'system.Artifact',
  dataset: 'system.Dataset',
  model: 'system.Model',
  metrics: 'system.Metrics',
  classificationMetrics: 'system.ClassificationMetrics',
  slicedClassificationMetrics: 'system.SlicedClassificationMetrics',
  html: 'system.HTML',
  markdown: 'system.Markdown',
} as const;

/** An artifact schema title. */
export type ArtifactType = typeof ARTIFACT_TYPES[keyof typeof ARTIFACT_TYPES];

/** Options of an artifact input or output. */
export interface ArtifactOptions {
  /** An input a task may leave unbound. @default false */
  readonly optional?: boolean;
  /** A list of artifacts (`Input[List[Dataset]]`): what a loop's fan-in gives. @default false */
  readonly list?: boolean;
  /** Shown in the KFP UI. @default - none */
  readonly description?: string;
}

/** A typed artifact (input or output) of a component or pipeline. */
export class ArtifactSpec<S extends ArtifactType = ArtifactType, O extends boolean = boolean, L extends boolean = boolean> {
  /** @internal */ public readonly _optional!: O;
  /** @internal */ public readonly _list!: L;
  public readonly kind = 'artifact' as const;
  constructor(public readonly schemaTitle: S, public readonly options: ArtifactOptions = {}) {}
  public get isOptional(): boolean {
    return this.options.optional === true;
  }
}

type ArtOpt<D> = D extends { optional: true } ? true : false;
type ArtList<D> = D extends { list: true } ? true : false;

/** Typed artifacts: `Artifact.dataset()`, `Artifact.model()`, … */
export class Artifact {
  public static generic<D extends ArtifactOptions>(options?: D): ArtifactSpec<'system.Artifact', ArtOpt<D>, ArtList<D>> { return new ArtifactSpec(ARTIFACT_TYPES.artifact, options); }
  public static dataset<D extends ArtifactOptions>(options?: D): ArtifactSpec<'system.Dataset', ArtOpt<D>, ArtList<D>> { return new ArtifactSpec(ARTIFACT_TYPES.dataset, options); }
  public static model<D extends ArtifactOptions>(options?: D): ArtifactSpec<'system.Model', ArtOpt<D>, ArtList<D>> { return new ArtifactSpec(ARTIFACT_TYPES.model, options); }
  public static metrics<D extends ArtifactOptions>(options?: D): ArtifactSpec<'system.Metrics', ArtOpt<D>, ArtList<D>> { return new ArtifactSpec(ARTIFACT_TYPES.metrics, options); }
  public static classificationMetrics<D extends ArtifactOptions>(options?: D): ArtifactSpec<'system.ClassificationMetrics', ArtOpt<D>, ArtList<D>> { return new ArtifactSpec(ARTIFACT_TYPES.classificationMetrics, options); }
  public static slicedClassificationMetrics<D extends ArtifactOptions>(options?: D): ArtifactSpec<'system.SlicedClassificationMetrics', ArtOpt<D>, ArtList<D>> { return new ArtifactSpec(ARTIFACT_TYPES.slicedClassificationMetrics, options); }
  public static html<D extends ArtifactOptions>(options?: D): ArtifactSpec<'system.HTML', ArtOpt<D>, ArtList<D>> { return new ArtifactSpec(ARTIFACT_TYPES.html, options); }
  public static markdown<D extends ArtifactOptions>(options?: D): ArtifactSpec<'system.Markdown', ArtOpt<D>, ArtList<D>> { return new ArtifactSpec(ARTIFACT_TYPES.markdown, options); }
}

/** An input or output of a component. */
export type IoSpec = ParameterSpec | ArtifactSpec;
/** Named inputs or outputs. */
export type IoSpecs = Record<string, IoSpec>;
/** No inputs or outputs. */
export type NoIo = Record<never, never>;

/** The IR's artifact type message. */
export function artifactTypeJson(title: string): { schemaTitle: string; schemaVersion: string } {
  return { schemaTitle: title, schemaVersion: '0.0.1' };
}

/** The input or output definitions of a component in the IR (`ComponentInputsSpec`/`ComponentOutputsSpec`). */
export function definitionsJson(specs: IoSpecs, input: boolean): Record<string, any> | undefined {
  const parameters: Record<string, any> = {};
  const artifacts: Record<string, any> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.kind === 'parameter') {
      const o = spec.options;
      parameters[name] = {
        ...(o.default !== undefined && input ? { defaultValue: o.default } : {}),
        ...(o.description ? { description: o.description } : {}),
        ...(spec.isOptional && input ? { isOptional: true } : {}),
        parameterType: spec.type,
      };
    } else {
      artifacts[name] = {
        artifactType: artifactTypeJson(spec.schemaTitle),
        ...(spec.options.description ? { description: spec.options.description } : {}),
        ...(spec.options.list ? { isArtifactList: true } : {}),
        ...(spec.isOptional && input ? { isOptional: true } : {}),
      };
    }
  }
  return ioMaps(artifacts, parameters);
}

/**
 * `{ artifacts, parameters }` without the empty ones, or undefined when both are empty: the IR's
 * shape for definitions, task inputs and DAG outputs (protobuf's JSON leaves empty maps out).
 * @internal
 */
export function ioMaps<T>(artifacts: Record<string, T>, parameters: Record<string, T>): { artifacts?: Record<string, T>; parameters?: Record<string, T> } | undefined {
  const out = { ...(Object.keys(artifacts).length ? { artifacts } : {}), ...(Object.keys(parameters).length ? { parameters } : {}) };
  return Object.keys(out).length ? out : undefined;
}

/** The parameter type of a JavaScript value (as kfp infers a loop item's type from the first item). */
export function parameterTypeOf(value: JsonValue): ParameterType {
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return Number.isInteger(value) ? 'NUMBER_INTEGER' : 'NUMBER_DOUBLE';
  if (Array.isArray(value)) return 'LIST';
  return 'STRUCT';
}
