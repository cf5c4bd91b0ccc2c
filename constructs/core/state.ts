/**
 * The part of a construct that `addXxx()` calls change, and the one way to change it: the
 * candidate state is validated in full (`validate` throws a ConstructError) before it replaces
 * the current one, so a rejected call leaves the construct exactly as it was, and rendering at
 * synth, which reads only validated state, cannot fail.
 * @internal
 */
export class ConstructState<S> {
  private current: S;

  /** Validates `initial` (the state the props describe) at construction. */
  constructor(initial: S, private readonly validate: (candidate: S) => void) {
    validate(initial);
    this.current = initial;
  }

  public get value(): S {
    return this.current;
  }

  /**
   * Validates `change(current)`, then runs `effect` (e.g. emitting an object the addition
   * brings, which may still fail on its own checks), then commits. Nothing changes unless all
   * of them succeed.
   */
  public update(change: (current: S) => S, effect?: () => void): void {
    const next = change(this.current);
    this.validate(next);
    effect?.();
    this.current = next;
  }
}
