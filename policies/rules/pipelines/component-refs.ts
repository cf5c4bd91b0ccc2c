import { subPath } from '../json';
import { Rule, Violation } from '../rule';
import { componentRefOf, dagsOf, nearest, PIPELINE_KINDS, pipelineIrOf } from './ir';

/** Every task runs a component the pipeline defines, and no component runs itself. */
export const componentRefsRule: Rule = {
  id: 'pipelines/component-refs',
  category: 'runtime',
  severity: 'error',
  appliesTo: PIPELINE_KINDS,
  summary: 'Every task\'s componentRef.name names a component of the pipeline\'s components (none of which is named "root"), and no component\'s DAG runs that component again, directly or through other DAGs.',
  why: 'KFP compiles the pipeline spec into a workflow when a run starts, walking the DAGs from the root: a task whose component is missing, a component named "root" (reserved for the root) or a component that contains itself fails every run of the pipeline before anything runs.',
  source: 'kubeflow/pipelines backend/src/v2/compiler/visitor.go Accept, pipelineDFS.dfs',
  *check(object) {
    const ir = pipelineIrOf(object);
    if (!ir) return;
    const dags = dagsOf(ir);
    const names = Object.keys(ir.components);
    if (names.includes('root')) yield { path: subPath(ir.at, 'components', 'root'), message: 'a component is named "root", which KFP reserves for the pipeline\'s root component', fix: 'rename it (and the componentRef.name of the tasks that run it)' };
    for (const { tasks } of dags) {
      for (const t of tasks) {
        const ref = componentRefOf(t.spec);
        if (ref === undefined || ref === '') yield { path: subPath(t.at, 'componentRef', 'name'), message: `task "${t.name}" names no component`, fix: 'set componentRef.name to the component it runs' };
        else if (!t.component) yield { path: subPath(t.at, 'componentRef', 'name'), message: `task "${t.name}" runs component "${ref}", which the pipeline does not define`, fix: `define "${ref}" under components, or name one it defines: ${nearest(ref, names)}` };
      }
    }
    yield* selfContaining(dags);
  },
};

/** A component whose DAG reaches it again: reported once per cycle, at the task that closes it. */
function selfContaining(dags: ReturnType<typeof dagsOf>): Violation[] {
  const byName = new Map(dags.filter((d) => d.component.name !== undefined).map((d) => [d.component.name!, d]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: Violation[] = [];
  const visit = (name: string): void => {
    state.set(name, 'open');
    stack.push(name);
    for (const t of byName.get(name)?.tasks ?? []) {
      const next = t.component?.name;
      if (next === undefined || !byName.has(next)) continue;
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        found.push({ path: subPath(t.at, 'componentRef', 'name'), message: `component "${next}" runs itself (${cycle.map((c) => `"${c}"`).join(' → ')}), so KFP cannot compile the pipeline`, fix: `let task "${t.name}" run another component` });
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of [...byName.keys()].sort()) if (!state.has(name)) visit(name);
  return found;
}
