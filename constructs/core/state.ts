/**
 * The part of a construct that `addXxx()` calls change, and the one way to change it: the
 * candidate state is validated in full (`validate` throws a ConstructError) before it replaces
 * the current one, so a rejected call leaves the construct exactly as it was, and rendering at
 * synth, which reads only validated state, cannot fail. Where validating is rendering, the
 * result is kept: synth uses it instead of rendering the same state again.
 * @internal
 */
export class ConstructState<S, R = void> {
  private current: S;
  private output: R;

  /** Validates `initial` (the state the props describe) at construction. */
  constructor(initial: S, private readonly validate: (candidate: S) => R) {
    this.output = validate(initial);
    this.current = initial;
  }

  public get value(): S {
    return this.current;
  }

  /** What `validate` returned for the current state (its rendering, where validating renders). */
  public get rendered(): R {
    return this.output;
  }

  /**
   * Validates `change(current)`, then runs `effect` (e.g. emitting an object the addition
   * brings, which may still fail on its own checks), then commits. Nothing changes unless all
   * of them succeed.
   */
  public update(change: (current: S) => S, effect?: () => void): void {
    const next = change(this.current);
    const output = this.validate(next);
    effect?.();
    this.current = next;
    this.output = output;
  }
}
