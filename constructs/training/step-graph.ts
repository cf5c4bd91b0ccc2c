import { IConstruct } from 'constructs';
import { fail, field as join, Release } from '../core';

/** The state of a step that another step waits for (JobSet's `dependsOn[].status`). */
export enum StepStatus {
  /** Every pod of the step is ready (e.g. MPI nodes running sshd, a parameter server listening). */
  READY = 'Ready',
  /** The step has completed (e.g. an initializer finished its download). */
  COMPLETE = 'Complete',
}

/**
 * A step of the runtime another step waits for before JobSet creates it:
 * `StepDependency.complete('dataset-initializer')`, `StepDependency.ready('node')`.
 */
export class StepDependency {
  /** Start once `step` has completed. */
  static complete(step: string): StepDependency {
    return new StepDependency(step, StepStatus.COMPLETE);
  }
  /** Start once the pods of `step` are ready. */
  static ready(step: string): StepDependency {
    return new StepDependency(step, StepStatus.READY);
  }
  private constructor(
    /** The replicated job waited for, e.g. `dataset-initializer`. */
    public readonly step: string,
    public readonly status: StepStatus,
  ) {}
}

/** A step of the graph: its name, where its props are, and what it waits for. @internal */
export interface GraphStep {
  readonly name: string;
  /** The step's props (e.g. `datasetInitializer`), for errors. */
  readonly field: string;
  readonly dependsOn: readonly StepDependency[];
  /** The user gave `dependsOn` (a default is not checked, it is correct by construction). */
  readonly explicit: boolean;
}

/** JobSet's limit on a replicated job's dependencies (the CRD's `maxItems`), by Trainer release: 1 in 2.0, 5 since 2.1. */
const MAX_DEPENDENCIES = 5;
const MULTIPLE_SINCE = '2.1.0';

/**
 * Checks the steps' dependencies (each on another known step, once, without cycles, within
 * JobSet's limit) and orders the steps so that each comes after those it depends on, as
 * JobSet's webhook requires ("DependsOn can't be set for the first ReplicatedJob" and only on
 * an earlier one: validateReplicatedJobs in kubernetes-sigs/jobset). Steps keep their given
 * order where the graph allows. @internal
 */
export function orderSteps<T extends GraphStep>(scope: IConstruct, steps: readonly T[]): T[] {
  const byName = new Map(steps.map((s) => [s.name, s]));
  const known = steps.map((s) => `"${s.name}"`).join(', ');
  const max = Release.of(scope).atLeast('trainer', MULTIPLE_SINCE) ? MAX_DEPENDENCIES : 1;
  for (const s of steps.filter((x) => x.explicit)) {
    const at = join(s.field, 'dependsOn');
    const seen = new Set<string>();
    for (const d of s.dependsOn) {
      if (!(d instanceof StepDependency)) fail(scope, at, `${JSON.stringify(d)} is not a StepDependency`, 'use StepDependency.complete(step) or StepDependency.ready(step)');
      if (!Object.values(StepStatus).includes(d.status)) fail(scope, at, `"${d.status}" is not a status JobSet waits for`, 'use StepDependency.complete(step) or StepDependency.ready(step)');
      if (d.step === s.name) fail(scope, at, `step "${s.name}" depends on itself`, 'depend on another step, or leave it out');
      if (!byName.has(d.step)) fail(scope, at, `"${d.step}" is not a step of this runtime; its steps are ${known}`, 'depend on one of its steps');
      if (seen.has(d.step)) fail(scope, at, `lists step "${d.step}" twice`, 'list each step once, with the status to wait for');
      seen.add(d.step);
    }
    if (s.dependsOn.length > max) {
      const release = Release.of(scope);
      fail(scope, at, `has ${s.dependsOn.length} dependencies; JobSet takes at most ${max}${max === 1 ? ` with Kubeflow Trainer ${release.components.trainer} (this stack targets ${release.name}; Trainer ${MULTIPLE_SINCE} takes ${MAX_DEPENDENCIES})` : ''}`,
        max === 1 ? 'chain the steps (each depends on the one before), or target a release with Kubeflow Trainer 2.1.0 or later' : 'depend on fewer steps: chain some of them');
    }
  }
  const ordered: T[] = [];
  const placed = new Set<string>();
  while (ordered.length < steps.length) {
    const next = steps.find((s) => !placed.has(s.name) && s.dependsOn.every((d) => placed.has(d.step)));
    if (!next) {
      const cycle = findCycle(steps.filter((s) => !placed.has(s.name)), byName);
      const first = byName.get(cycle[0])!;
      fail(scope, join(first.field, 'dependsOn'), `the steps depend on each other in a cycle: ${cycle.join(' → ')}`, 'remove one of the dependencies so that some step can start first');
    }
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}

/** A cycle among `left` (steps none of which can start), as step names with the first repeated at the end. */
function findCycle(left: readonly GraphStep[], byName: ReadonlyMap<string, GraphStep>): string[] {
  // Every step left waits for another step left, so following the first such edge must loop.
  const path: string[] = [];
  let current = left[0];
  while (!path.includes(current.name)) {
    path.push(current.name);
    const next = current.dependsOn.map((d) => byName.get(d.step)!).find((s) => left.includes(s));
    current = next!;
  }
  return [...path.slice(path.indexOf(current.name)), current.name];
}
