// Channels: the values that flow between tasks at run time (pipeline inputs, task outputs,
// loop items, fanned-in lists), typed so that TypeScript checks data passing at compile time.
import { ArtifactType, JsonValue, ParameterType, ParameterValues } from './types';

/** A task that produces channels (what kfp names `PipelineTask`). */
export interface ProducerTask {
  readonly name: string;
}

/** A parameter value available at run time. */
export class ParamChannel<T extends ParameterType = ParameterType> {
  public readonly kind = 'parameter' as const;
  constructor(
    /** The output key (or pipeline input name). */
    public readonly name: string,
    public readonly type: T,
    /** The producing task, or none for a pipeline input. */
    public readonly task?: ProducerTask,
    /** The item type when iterated (`List[int]`). */
    public readonly itemType: Exclude<ParameterType, 'LIST'> = 'STRING',
  ) {}

  /** `task-output` or the pipeline input's name: the compiler's key for this channel. */
  public get fullName(): string {
    return this.task ? `${this.task.name}-${this.name}` : this.name;
  }

  /** `== value` as a condition. */
  public eq(value: Operand<T>): Condition { return new Condition(this, '==', value); }
  /** `!= value` as a condition. */
  public ne(value: Operand<T>): Condition { return new Condition(this, '!=', value); }
  /** `< value` as a condition. */
  public lt(value: Operand<T>): Condition { return new Condition(this, '<', value); }
  /** `<= value` as a condition. */
  public le(value: Operand<T>): Condition { return new Condition(this, '<=', value); }
  /** `> value` as a condition. */
  public gt(value: Operand<T>): Condition { return new Condition(this, '>', value); }
  /** `>= value` as a condition. */
  public ge(value: Operand<T>): Condition { return new Condition(this, '>=', value); }
}

/** What a parameter of type `T` may be compared with: numbers with numbers, strings with strings. */
export type Operand<T extends ParameterType> =
  T extends 'NUMBER_INTEGER' | 'NUMBER_DOUBLE' ? number | ParamChannel<'NUMBER_INTEGER' | 'NUMBER_DOUBLE'> | ParamChannel<'NUMBER_INTEGER'> | ParamChannel<'NUMBER_DOUBLE'>
    : T extends 'STRING' ? string | ParamChannel<'STRING'>
      : T extends 'BOOLEAN' ? boolean | ParamChannel<'BOOLEAN'>
        : never;

/** An artifact available at run time. */
export class ArtifactChannel<S extends ArtifactType = ArtifactType> {
  public readonly kind = 'artifact' as const;
  constructor(
    public readonly name: string,
    public readonly schemaTitle: S,
    public readonly task?: ProducerTask,
    /** A list of artifacts (a fan-in). */
    public readonly isList = false,
  ) {}

  public get fullName(): string {
    return this.task ? `${this.task.name}-${this.name}` : this.name;
  }
}

/** Any channel. */
export type Channel = ParamChannel | ArtifactChannel;

/** The loop variable of `parallelFor`: one item of a static list, a list input or a list output. */
export class LoopItem<T extends ParameterType = ParameterType> extends ParamChannel<T> {
  constructor(
    name: string,
    type: T,
    /** The static items, or the list channel iterated. */
    public readonly items: JsonValue[] | ParamChannel<'LIST'>,
    task?: ProducerTask,
  ) {
    super(name, type, task);
  }

  /** Iterates over a static list (kfp's "withItems"). */
  public get isStatic(): boolean {
    return Array.isArray(this.items);
  }
}

/** The outputs of one task in a loop, fanned in to a list after the loop (`dsl.Collected`). */
export class Collected<C extends Channel = Channel> {
  public readonly kind = 'collected' as const;
  constructor(public readonly output: C) {}
  public get task(): ProducerTask { return this.output.task!; }
}

/** A comparison in `if`/`elif`: `task.outputs.accuracy.gt(0.9)`. */
export class Condition {
  constructor(
    public readonly left: ParamChannel,
    public readonly operator: '==' | '!=' | '<' | '<=' | '>' | '>=',
    public readonly right: JsonValue | ParamChannel,
    public readonly negate = false,
  ) {}

  /** The condition's negation (`!(…)`), as the branches after an `if` carry it. */
  public negated(): Condition {
    return new Condition(this.left, this.operator, this.right, true);
  }
}

/** What a task input of a parameter type accepts: a constant or a channel of that type. */
export type ParamArg<T extends ParameterType> = ParameterValues[T] | ParamChannel<T> | (T extends 'LIST' ? Collected<ParamChannel> : never);
/**
 * What a task input of an artifact type accepts: an artifact of that type (or a generic one), or
 * for a list input (`{ list: true }`) the fan-in of one. The generic `Artifact` input takes any.
 */
export type ArtifactArg<S extends ArtifactType, L extends boolean> = L extends true
  ? Collected<ArtifactChannel<S>> | Collected<ArtifactChannel<'system.Artifact'>> | ArtifactChannel<S>
  : ArtifactChannel<S> | ArtifactChannel<'system.Artifact'>;
