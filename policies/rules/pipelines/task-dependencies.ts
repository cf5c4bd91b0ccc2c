import { asArray, asObject, asString, subPath } from '../json';
import { Rule } from '../rule';
import { dagsOf, describeComponent, nearest, PIPELINE_KINDS, pipelineIrOf, Task } from './ir';

/** A DAG's tasks wait only for tasks of the same DAG, and never, through any chain, for themselves. */
export const taskDependenciesRule: Rule = {
  id: 'pipelines/task-dependencies',
  category: 'runtime',
  severity: 'error',
  appliesTo: PIPELINE_KINDS,
  summary: 'Every name in a task\'s dependentTasks is another task of the same DAG, and no task waits for itself through the tasks it depends on (dependentTasks, and the tasks whose outputs or final status it takes): each DAG is acyclic.',
  why: 'A task starts when the tasks it waits for have ended: a task that waits for a task the DAG does not have, or for itself through a cycle, never starts, and the run fails or hangs there (Argo rejects the cyclic workflow KFP makes of it).',
  source: 'kubeflow/pipelines backend/src/v2/compiler/argocompiler/dag.go (task dependencies: dependentTasks)',
  *check(object) {
    const ir = pipelineIrOf(object);
    if (!ir) return;
    for (const { component, tasks } of dagsOf(ir)) {
      const names = tasks.map((t) => t.name);
      const edges = new Map<string, string[]>();
      for (const task of tasks) {
        const waits = new Set<string>();
        for (const [i, d] of asArray(task.spec.dependentTasks).entries()) {
          const name = asString(d) ?? '';
          if (names.includes(name)) waits.add(name);
          else yield { path: subPath(task.at, 'dependentTasks', i), message: `task "${task.name}" waits for task "${name}", which is not a task of the DAG of ${describeComponent(component)}`, fix: `name a task of this DAG: ${nearest(name, names.filter((n) => n !== task.name))}` };
        }
        for (const producer of producersOf(task)) if (names.includes(producer)) waits.add(producer);
        edges.set(task.name, [...waits].sort());
      }
      for (const cycle of cycles(names, edges)) {
        const first = tasks.find((t) => t.name === cycle[0])!;
        const chain = [...cycle.slice(1), cycle[0]].map((n) => `"${n}"`).join(', which waits for ');
        yield {
          path: subPath(first.at, 'dependentTasks'),
          message: cycle.length === 1 ? `task "${cycle[0]}" waits for itself, so it never starts` : `task "${cycle[0]}" waits for ${chain}: none of them ever starts`,
          fix: 'remove one of the waits: a name in dependentTasks, or an input taken from the other task\'s output or final status',
        };
      }
    }
  },
};

/** The tasks whose outputs or final status a task takes. */
function producersOf(task: Task): string[] {
  const inputs = asObject(task.spec.inputs) ?? {};
  const bindings = [...Object.values(asObject(inputs.parameters) ?? {}), ...Object.values(asObject(inputs.artifacts) ?? {})].map((b) => asObject(b) ?? {});
  return bindings.flatMap((b) => [asObject(b.taskOutputParameter), asObject(b.taskOutputArtifact), asObject(b.taskFinalStatus)])
    .flatMap((ref) => (ref && typeof ref.producerTask === 'string' ? [ref.producerTask] : []));
}

/**
 * The cycles of a graph, one per strongly connected component that has one (Tarjan), each as
 * a path of its tasks starting from the first by name: `['a', 'b']` for a → b → a.
 */
function cycles(nodes: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const members: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w);
      members.push(w);
      if (w === v) break;
    }
    if (members.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(pathThrough(members.sort(), edges));
  };
  for (const v of [...nodes].sort()) if (!index.has(v)) connect(v);
  return found.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A cycle through the members of a strongly connected component, from its first member back to it. */
function pathThrough(members: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[] {
  const start = members[0];
  const inside = new Set(members);
  // Breadth-first from start's successors back to start: the shortest cycle through it.
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of edges.get(v) ?? []) {
      if (!inside.has(w) || previous.has(w)) continue;
      previous.set(w, v);
      if (w === start) queue.length = 0;
      else queue.push(w);
    }
  }
  const path = [];
  for (let v = previous.get(start); v !== undefined && v !== start; v = previous.get(v)) path.unshift(v);
  return [start, ...path];
}
