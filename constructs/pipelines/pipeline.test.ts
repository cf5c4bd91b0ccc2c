import { constructError } from '../../test/util';
import { compilePipeline, pythonNumber } from './compile';
import { ContainerComponent } from './component';
import { PipelineComponent } from './pipeline';
import { Placeholder } from './placeholders';
import { Artifact, Param } from './types';

const make = ContainerComponent.define({ name: 'make', inputs: { n: Param.int({ default: 1 }) }, outputs: { data: Artifact.dataset(), items: Param.list(), score: Param.float(), cfg: Param.struct() }, image: 'busybox' });
const useData = ContainerComponent.define({ name: 'use-data', inputs: { data: Artifact.dataset() }, image: 'busybox' });
const useModel = ContainerComponent.define({ name: 'use-model', inputs: { model: Artifact.model() }, image: 'busybox' });
const useText = ContainerComponent.define({ name: 'use-text', inputs: { text: Param.string() }, image: 'busybox' });
const useAny = ContainerComponent.define({ name: 'use-any', inputs: { a: Artifact.generic() }, image: 'busybox' });

/** The message of the error a pipeline definition throws. */
function definitionError(body: Parameters<typeof PipelineComponent.define>[1]): string {
  return constructError(() => PipelineComponent.define({ name: 'p', inputs: { xs: Param.list(), s: Param.string({ default: 'a' }) } }, body as any)).message;
}

describe('pipeline definitions are checked as they are written', () => {
  test('a required input left unbound names the task, the input and its type', () => {
    expect(definitionError((p) => { p.task(useText, {} as any); })).toMatch(/pipeline p › task use-text: inputs\.text: the required input of component use-text is not bound\n {2}fix: pass text: a STRING/);
  });

  test('an input the component does not have lists the ones it has', () => {
    expect(definitionError((p) => { p.task(useText, { text: 'a', txt: 'b' } as any); })).toMatch(/inputs\.txt: component use-text has no input 'txt'\n {2}fix: use one of: text/);
  });

  test('parameter types must match: a constant, a channel', () => {
    expect(definitionError((p) => { p.task(useText, { text: 3 } as any); })).toMatch(/inputs\.text: expects STRING, got NUMBER_INTEGER 3/);
    expect(definitionError((p) => { const m = p.task(make, {}); p.task(useText, { text: m.outputs.score } as any); })).toMatch(/expects STRING, got NUMBER_DOUBLE \('make-score'\)/);
  });

  test('artifact types must match, except the generic Artifact', () => {
    expect(definitionError((p) => { const m = p.task(make, {}); p.task(useModel, { model: m.outputs.data } as any); })).toMatch(/inputs\.model: expects an artifact system\.Model, got system\.Dataset/);
    expect(definitionError((p) => { const m = p.task(make, {}); p.task(useData, { data: m.outputs.score } as any); })).toMatch(/expects an artifact system\.Dataset, got NUMBER_DOUBLE/);
    expect(() => PipelineComponent.define({ name: 'ok' }, (p) => { const m = p.task(make, {}); p.task(useAny, { a: m.outputs.data }); })).not.toThrow();
  });

  test('conditions compare strings, numbers or booleans only', () => {
    expect(definitionError((p) => { const m = p.task(make, {}); p.if((m.outputs.cfg as any).eq({ a: 1 }), () => {}); })).toMatch(/condition: compares a STRUCT \('make-cfg'\)/);
  });

  test('elif and else must follow their if directly', () => {
    expect(definitionError((p, i: any) => { const c = p.if(i.s.eq('a'), () => {}); p.if(i.s.eq('b'), () => {}); c.else(() => {}); })).toMatch(/else: does not follow its if or elif directly/);
  });

  test('loops need a non-empty list, a list input or a list output', () => {
    expect(definitionError((p) => { p.parallelFor([], () => {}); })).toMatch(/parallelFor\.items: is an empty list/);
    expect(definitionError((p, i: any) => { p.parallelFor(i.s, () => {}); })).toMatch(/parallelFor\.items: is a STRING, not a list/);
    expect(definitionError((p, i: any) => { p.parallelFor(i.xs, () => {}, { parallelism: -1 }); })).toMatch(/parallelFor\.parallelism: must be a whole number ≥ 0, got -1/);
  });

  test('exit handlers: top level only, and the exit task depends on nothing', () => {
    expect(definitionError((p, i: any) => { const c = p.task(useText, { text: 'x' }); p.parallelFor(i.xs, () => { p.exitHandler(c, () => {}); }); })).toMatch(/exitHandler: is inside a condition, loop or exit handler/);
    expect(definitionError((p) => { const m = p.task(make, {}); const c = p.task(useText, { text: 'x' }, { after: [m] }); p.exitHandler(c, () => {}); })).toMatch(/the exit task depends on other tasks/);
  });

  test('declared and returned outputs must agree, with their types', () => {
    expect(constructError(() => PipelineComponent.define({ name: 'p', outputs: { out: Param.string() } }, () => ({} as any))).message).toMatch(/outputs\.out: is declared but the body does not return it/);
    expect(constructError(() => PipelineComponent.define({ name: 'p', outputs: { out: Param.string() } }, (p) => ({ out: p.task(make, {}).outputs.score } as any))).message).toMatch(/outputs\.out: expects STRING, got NUMBER_DOUBLE/);
    expect(constructError(() => PipelineComponent.define({ name: 'p' }, (p) => ({ extra: p.task(make, {}).outputs.score } as any))).message).toMatch(/outputs\.extra: is returned but not declared/);
  });

  test('names follow kfp rules', () => {
    expect(constructError(() => PipelineComponent.define({ name: 'bad name' }, () => {})).message).toMatch(/pipeline bad name: name: 'bad name' is not a pipeline name KFP accepts/);
    expect(constructError(() => PipelineComponent.define({ name: 'My_Pipe' }, () => {})).message).toMatch(/fix: use 1 to 128 lower-case letters, digits and "-"/);
    expect(constructError(() => ContainerComponent.define({ name: 'c', inputs: { "it's": Param.int() }, image: 'i' })).message).toMatch(/inputs\.it's: 'it's' is not a valid input or output name/);
    expect(constructError(() => PipelineComponent.define({ name: 'p', inputs: { x: Param.int() }, outputs: { x: Param.int() } }, () => {})).message).toMatch(/outputs\.x: 'x' is both an input and an output/);
    expect(constructError(() => ContainerComponent.define({ name: 'c', inputs: { x: Param.int() }, outputs: { x: Param.int() }, image: 'i' })).message).toMatch(/outputs\.x: 'x' is both an input and an output/);
    expect(constructError(() => ContainerComponent.define({ name: 'c', image: '' })).message).toMatch(/component c: image: is empty/);
  });

  test('fan-in: a loop output read after the loop must be collected, and collected outputs must come from a loop', () => {
    const loopOutput = () => PipelineComponent.define({ name: 'p', inputs: { xs: Param.list() } }, (p, i) => {
      let m: any;
      p.parallelFor(i.xs, () => { m = p.task(make, {}); });
      p.task(useData, { data: m.outputs.data });
    });
    expect(constructError(() => compilePipeline(loopOutput())).message).toMatch(/task use-data: inputs: reads an output of task make, which runs once per item of for-loop-1\n {2}fix: fan the outputs in with p\.collected/);
    const notInLoop = PipelineComponent.define({ name: 'p' }, (p) => { const m = p.task(make, {}); p.task(ContainerComponent.define({ name: 'all', inputs: { xs: Param.list() }, image: 'i' }), { xs: p.collected(m.outputs.items) }); });
    expect(constructError(() => compilePipeline(notInLoop)).message).toMatch(/collected: 'make-items' is not produced inside a loop the task is outside of/);
  });

  test('a task outside a condition cannot read an output produced inside it', () => {
    const p = PipelineComponent.define({ name: 'p', inputs: { s: Param.string() } }, (b, i) => {
      let m: any;
      b.if(i.s.eq('x'), () => { m = b.task(make, {}); });
      b.task(useData, { data: m.outputs.data });
    });
    expect(constructError(() => compilePipeline(p)).message).toMatch(/depends on task make, which runs only inside condition-1 \(condition\)/);
  });

  test('resources and retries are checked when compiled', () => {
    const withOptions = (options: any) => PipelineComponent.define({ name: 'p' }, (p) => { p.task(make, {}, options); });
    expect(constructError(() => compilePipeline(withOptions({ resources: { cpuLimit: 'two' } }))).message).toMatch(/resources\.cpuLimit: 'two' is not a CPU quantity/);
    expect(constructError(() => compilePipeline(withOptions({ resources: { memoryRequest: '1.5Gi' } }))).message).toMatch(/resources\.memoryRequest: '1\.5Gi' is not a memory quantity kfp accepts/);
    expect(constructError(() => compilePipeline(withOptions({ resources: { accelerator: { type: 'nvidia.com/gpu', count: 0 } } }))).message).toMatch(/accelerator\.count: must be a whole number ≥ 1, got 0/);
    expect(constructError(() => compilePipeline(withOptions({ retry: { count: -1 } }))).message).toMatch(/retry\.count: must be a whole number ≥ 0, got -1/);
  });

  test('a component loaded from YAML must be one container component', () => {
    expect(constructError(() => ContainerComponent.fromYaml('pipelineInfo: {name: x}\n')).message).toMatch(/component YAML: components: is not the IR of one container component/);
  });

  test('the compiled IR is deterministic and sorted', () => {
    const def = () => PipelineComponent.define({ name: 'p' }, (p) => { const m = p.task(make, {}); p.task(useData, { data: m.outputs.data }); });
    const a = JSON.stringify(compilePipeline(def()));
    expect(JSON.stringify(compilePipeline(def()))).toBe(a);
    expect(Object.keys(compilePipeline(def()).pipelineSpec)).toEqual(['components', 'deploymentSpec', 'pipelineInfo', 'root', 'schemaVersion', 'sdkVersion']);
  });
});

describe('CEL operands', () => {
  test('numbers are written as Python writes them', () => {
    expect([0.5, 2, 1e-5, 1.5e-7, 0.0001, -3.25].map(pythonNumber)).toEqual(['0.5', '2', '1e-05', '1.5e-07', '0.0001', '-3.25']);
  });
});

describe('what belongs to a pipeline', () => {
  const say = ContainerComponent.define({ name: 'say', inputs: { x: Param.string() }, image: 'busybox' });
  const num = ContainerComponent.define({ name: 'num', inputs: { n: Param.int() }, outputs: { out: Param.int() }, image: 'busybox' });

  test('an outer task\'s output cannot be read inside another pipeline: it must come in through an input', () => {
    const message = definitionError((p) => {
      const t = p.task(num, { n: 1 });
      PipelineComponent.define({ name: 'inner' }, (q) => { q.task(num, { n: t.outputs.out }); });
    });
    expect(message).toMatch(/pipeline inner › task num: inputs\.n: 'num-out' belongs to another pipeline\n {2}fix: pass it in through an input of this pipeline/);
    expect(definitionError((p) => {
      const t = p.task(num, { n: 1 });
      PipelineComponent.define({ name: 'inner' }, (q) => { q.task(num, { n: 2 }, { after: [t] }); });
    })).toMatch(/after: num is not a task of pipeline inner/);
  });

  test('the exit task must be a top-level task, used once', () => {
    const cleanup = ContainerComponent.define({ name: 'cleanup', image: 'busybox' });
    expect(definitionError((p, i: any) => {
      p.task(say, { x: 'victim' });
      let c: any;
      p.if(i.s.eq('x'), () => { c = p.task(cleanup, {}); });
      p.exitHandler(c, () => { p.task(say, { x: 'body' }); });
    })).toMatch(/exitHandler: the exit task is not a top-level task of this pipeline/);
    expect(definitionError((p) => {
      const c = p.task(cleanup, {});
      p.exitHandler(c, () => { p.task(say, { x: 'a' }); });
      p.exitHandler(c, () => { p.task(say, { x: 'b' }); });
    })).toMatch(/exitHandler: is already the exit task of another exit handler/);
  });

  test('pipeline outputs come from top-level tasks', () => {
    const define = (body: any) => constructError(() => PipelineComponent.define({ name: 'p', inputs: { xs: Param.list() }, outputs: { Output: Param.int() } }, body)).message;
    expect(define((p: any, i: any) => { let t: any; p.parallelFor(i.xs, () => { t = p.task(num, { n: 1 }); }); return { Output: t.outputs.out }; }))
      .toMatch(/outputs\.Output: returns an output of task num, which runs inside a condition, loop or exit handler/);
    expect(define((_p: any, i: any) => ({ Output: i.xs }))).toMatch(/outputs\.Output: returns LIST \('xs'\), not the output of a task/);
    expect(define((p: any, i: any) => { let t: any; p.parallelFor(i.xs, () => { t = p.task(num, { n: 1 }); }); return { Output: p.collected(t.outputs.out) }; }))
      .toMatch(/returns a fan-in \(p\.collected\), which is not supported yet/);
  });

  test('tasks cannot be added after the definition, run-time values cannot hide in constants, importers take no container options', () => {
    let builder: any;
    PipelineComponent.define({ name: 'p' }, (p) => { builder = p; });
    expect(constructError(() => builder.task(say, { x: 'late' })).message).toMatch(/task: is added after the pipeline was defined/);
    const list = ContainerComponent.define({ name: 'list', inputs: { xs: Param.list() }, image: 'i' });
    expect(definitionError((p) => { const t = p.task(num, { n: 1 }); p.task(list, { xs: [t.outputs.out as any, 2] }); }))
      .toMatch(/inputs\.xs: holds a run-time value inside a list or struct constant, which is not supported/);
    expect(definitionError((p) => { p.importer(Artifact.model(), 'gs://m', { resources: { cpuLimit: '1' } } as any); })).toMatch(/importer: resources: does not apply to an importer/);
    expect(definitionError((p) => { p.task(say, { x: 'a' }, { env: { '1BAD': 'x' } }); })).toMatch(/env\.1BAD: '1BAD' = "x" is not an environment variable/);
    expect(definitionError((p) => { p.task(undefined as any, {}); })).toMatch(/task: undefined is not a component/);
    expect(definitionError((p, i: any) => { p.parallelFor(i.s, () => {}); })).toMatch(/parallelFor\.items: is a STRING, not a list/);
  });

  test('a list-of-artifacts input is one placeholder, the whole list', () => {
    const merge = ContainerComponent.define({ name: 'merge', inputs: { parts: Artifact.dataset({ list: true }) }, image: 'i', args: ({ inputs }) => [inputs.parts] });
    expect(merge.container.args).toEqual(["{{$.inputs.artifacts['parts']}}"]);
  });

  test('ifPresent takes an input\'s placeholder', () => {
    expect(constructError(() => ContainerComponent.define({ name: 'c', outputs: { o: Param.string() }, image: 'i', args: ({ outputs }) => [Placeholder.ifPresent(outputs.o, ['x'])] })).message)
      .toMatch(/component c: args: Placeholder\.ifPresent takes the placeholder of an input of the component/);
  });
});

describe('nested pipelines', () => {
  test('every task keeps its own executor settings when labels collide across nesting levels', () => {
    const say = ContainerComponent.define({ name: 'say', inputs: { x: Param.string() }, image: 'busybox' });
    const leaf = PipelineComponent.define({ name: 'leaf' }, (p) => { p.task(say, { x: 'leaf' }, { env: { WHO: 'leaf' }, resources: { accelerator: { type: 'nvidia.com/gpu', count: 1 } } }); });
    const mid = PipelineComponent.define({ name: 'mid' }, (p) => { p.task(say, { x: 'mid' }); p.task(leaf, {}); });
    const top = PipelineComponent.define({ name: 'top' }, (p) => { p.task(say, { x: 'top' }); p.task(mid, {}); });
    const { pipelineSpec: spec } = compilePipeline(top);
    const executorOf = (dag: any, task: string) => spec.deploymentSpec.executors[spec.components[dag.tasks[task].componentRef.name].executorLabel];
    const midDag = spec.components[spec.root.dag.tasks.mid.componentRef.name].dag;
    const leafDag = spec.components[midDag.tasks.leaf.componentRef.name].dag;
    expect(executorOf(spec.root.dag, 'say').container.env).toBeUndefined();
    expect(executorOf(midDag, 'say').container.env).toBeUndefined();
    expect(executorOf(leafDag, 'say').container).toMatchObject({ env: [{ name: 'WHO', value: 'leaf' }], resources: { accelerator: { count: '1' } } });
    expect(Object.keys(spec.deploymentSpec.executors)).toHaveLength(3);
  });
});

describe('documented deviations from kfp', () => {
  test('an if/elif chain without else is closed: a task written after it is a sibling, not inside the last branch', () => {
    const say = ContainerComponent.define({ name: 'say', inputs: { x: Param.string() }, image: 'busybox' });
    const p = PipelineComponent.define({ name: 'p', inputs: { n: Param.int() } }, (b, i) => {
      b.if(i.n.eq(1), () => { b.task(say, { x: 'one' }); }).elif(i.n.eq(2), () => { b.task(say, { x: 'two' }); });
      b.task(say, { x: 'after' });
    });
    const { pipelineSpec: spec } = compilePipeline(p);
    expect(Object.keys(spec.root.dag.tasks).sort()).toEqual(['condition-branches-1', 'say-3']);
  });
});

describe('scopes', () => {
  const say = ContainerComponent.define({ name: 'say', inputs: { x: Param.string() }, image: 'busybox' });
  const num = ContainerComponent.define({ name: 'num', inputs: { n: Param.int() }, outputs: { out: Param.int() }, image: 'busybox' });

  test('a condition cannot compare a run-time value of another pipeline', () => {
    let leaked: any;
    PipelineComponent.define({ name: 'a' }, (p) => { leaked = p.task(num, { n: 1 }); });
    expect(constructError(() => PipelineComponent.define({ name: 'b' }, (p) => {
      const n = p.task(num, { n: 2 });
      p.if(n.outputs.out.gt(leaked.outputs.out), () => { p.task(say, { x: 'y' }); });
    })).message).toMatch(/pipeline b: condition: 'num-out' belongs to another pipeline/);
  });

  test('a loop item is read inside its loop only', () => {
    expect(definitionError((p, i: any) => {
      let item: any;
      p.parallelFor(i.xs, (it) => { item = it; });
      p.task(say, { x: item });
    })).toMatch(/inputs\.x: 'xs-loop-item' is the item of for-loop-1, read outside that loop/);
    expect(definitionError((p, i: any) => {
      let item: any;
      p.parallelFor(i.xs, (it) => { item = it; });
      p.if(item.eq('a'), () => {});
    })).toMatch(/condition: 'xs-loop-item' is the item of for-loop-1, read outside that loop/);
  });

  test('nothing may depend on an exit task', () => {
    const cleanup = ContainerComponent.define({ name: 'cleanup', outputs: { out: Param.string() }, image: 'busybox' });
    expect(definitionError((p) => {
      const c = p.task(cleanup, {});
      p.exitHandler(c, () => { p.task(say, { x: c.outputs.out }); });
    })).toMatch(/inputs\.x: reads an output of task cleanup, the exit task of an exit handler/);
    expect(definitionError((p) => {
      const c = p.task(cleanup, {});
      p.exitHandler(c, () => { p.task(say, { x: 'a' }); });
      p.task(say, { x: 'b' }, { after: [c] });
    })).toMatch(/after: cleanup is the exit task of an exit handler/);
    expect(definitionError((p) => {
      const c = p.task(cleanup, {});
      p.task(say, { x: c.outputs.out });
      p.exitHandler(c, () => { p.task(say, { x: 'a' }); });
    })).toMatch(/exitHandler: other tasks depend on the exit task/);
  });

  test('groups cannot be added after the definition either', () => {
    let builder: any;
    let inputs: any;
    PipelineComponent.define({ name: 'p', inputs: { s: Param.string(), xs: Param.list() } }, (p, i) => { builder = p; inputs = i; });
    expect(constructError(() => builder.if(inputs.s.eq('a'), () => {})).message).toMatch(/is added after the pipeline was defined/);
    expect(constructError(() => builder.parallelFor(inputs.xs, () => {})).message).toMatch(/is added after the pipeline was defined/);
  });
});
