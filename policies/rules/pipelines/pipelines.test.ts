import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { Finding } from '../../../manifest';
import { runCli } from '../../../test/cli-output';
import { compileTwins } from '../../../test/kfp';
import { checkFiles } from '../../check-files';
import { runPolicies } from '../engine';
import { pipelinesRules } from './index';

// Real IR from the real kfp compiler (the pinned SDK, test/kfp.ts): validate accepts every file
// it compiles from the construct twins and from testdata/pipeline.py, and the tests break copies
// of testdata/pipeline.py's IR in every way the schema and the pipelines rules report.

const TWINS = path.join(__dirname, '..', '..', '..', 'constructs', 'pipelines', 'testdata', 'twins');

 
type Ir = any;

let compiled: Map<string, string>;
let fixture: { ir: Ir; platform: Ir };
let tmp: string;

beforeAll(() => {
  compiled = new Map([...compileTwins(TWINS), ...[...compileTwins(path.join(__dirname, 'testdata'))].map(([k, v]) => [`testdata/${k}`, v] as [string, string])]);
  // As KFP reads it: YAML 1.2 (kfp leaves `n` unquoted).
  const [ir, platform] = YAML.parseAllDocuments(fs.readFileSync(compiled.get('testdata/pipeline')!, 'utf8'), { version: '1.2' }).map((d) => d.toJS());
  fixture = { ir, platform };
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pipelines-rules-'));
}, 600_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Reported = Pick<Finding, 'severity' | 'rule' | 'resource' | 'path' | 'message' | 'fix'>;

/** What validate reports for a YAML file of `docs` (written as kfp writes it: YAML 1.2 scalars). */
async function validate(docs: unknown[], yaml: YAML.DocumentOptions = { version: '1.2' }): Promise<Reported[]> {
  const file = path.join(tmp, `${expect.getState().currentTestName?.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.yaml`);
  fs.writeFileSync(file, docs.map((d) => YAML.stringify(d, yaml)).join('---\n'));
  return (await checkFiles([file])).findings.map(({ severity, rule, resource, path: at, message, fix }) => ({ severity, rule, resource, path: at, message, ...(fix ? { fix } : {}) }));
}

/** What validate reports for the fixture's IR and platform spec after `edit`. */
function broken(edit: (ir: Ir, platform: Ir) => void): Promise<Reported[]> {
  const { ir, platform } = structuredClone(fixture);
  edit(ir, platform);
  return validate([ir, platform]);
}

const tasksOf = (ir: Ir, component?: string) => (component ? ir.components[component] : ir.root).dag.tasks;
const RESOURCE = 'PipelineSpec ir-fixture';

describe('validate accepts what kfp compiles', () => {
  test('every IR file kfp compiles from the construct twins and from testdata/', async () => {
    expect([...compiled.keys()]).toEqual(expect.arrayContaining(['testdata/pipeline']));
    expect(compiled.size).toBeGreaterThan(1);
    for (const [name, file] of compiled) {
      const { findings, counts } = await checkFiles([file]);
      expect({ name, findings }).toEqual({ name, findings: [] });
      expect({ name, counts }).toEqual({ name, counts: expect.objectContaining({ invalid: 0, notValidated: 0, valid: counts.objects }) });
    }
  });

  test('reads kfp\'s YAML as KFP does: an input named n is the string "n"', async () => {
    expect(tasksOf(fixture.ir)['exit-handler-1'].inputs.parameters['pipelinechannel--n'].componentInputParameter).toBe('n');
    expect(fs.readFileSync(compiled.get('testdata/pipeline')!, 'utf8')).toContain('componentInputParameter: n\n');
    expect(await validate([fixture.ir, fixture.platform])).toEqual([]);
  });

  test('a PipelineVersion holding the IR and the platform spec', async () => {
    const version = { apiVersion: 'pipelines.kubeflow.org/v2beta1', kind: 'PipelineVersion', metadata: { name: 'ir-fixture-v1', namespace: 'team-a' }, spec: { pipelineName: 'ir-fixture', pipelineSpec: fixture.ir, platformSpec: fixture.platform } };
    // A Kubernetes object is read as kubectl reads it (YAML 1.1), so `n` must be quoted.
    expect(await validate([version], { version: '1.1' })).toEqual([]);
  });
});

describe('the schema derived from pipeline_spec.proto', () => {
  test('an unknown top-level field, with the field meant', async () => {
    expect(await broken((ir) => { ir.sdkVersoin = ir.sdkVersion; delete ir.sdkVersion; })).toEqual([
      { severity: 'error', rule: 'schema', resource: RESOURCE, path: '.sdkVersoin', message: 'unknown field "sdkVersoin"', fix: 'did you mean "sdkVersion"?' },
    ]);
  });

  test('a misspelt pipelineInfo: still a PipelineSpec, reported as such', async () => {
    const findings = await broken((ir) => { ir.pipelineinfo = ir.pipelineInfo; delete ir.pipelineInfo; });
    expect(findings).toEqual([
      { severity: 'error', rule: 'schema', resource: 'PipelineSpec <unnamed>', path: '.pipelineinfo', message: 'unknown field "pipelineinfo"', fix: 'did you mean "pipelineInfo"?' },
      expect.objectContaining({ rule: 'pipelines/pipeline-spec', path: '.pipelineInfo.name', message: 'the pipeline has no name (pipelineInfo.name is empty)' }),
    ]);
  });

  test('an unknown field deep in the IR and in the platform spec', async () => {
    expect(await broken((ir, platform) => {
      tasksOf(ir).notify.cachingOption = { enableCache: false };
      platform.platforms.kubernetes.deploymentSpecs = platform.platforms.kubernetes.deploymentSpec;
    })).toEqual([
      { severity: 'error', rule: 'schema', resource: RESOURCE, path: '.root.dag.tasks.notify.cachingOption', message: 'unknown field "cachingOption"', fix: 'did you mean "cachingOptions"?' },
      { severity: 'error', rule: 'schema', resource: 'PlatformSpec', path: '.platforms.kubernetes.deploymentSpecs', message: 'unknown field "deploymentSpecs"', fix: 'did you mean "deploymentSpec"?' },
    ]);
  });

  test('a value an enum does not have, with the value meant; numbers are enum values too', async () => {
    expect(await broken((ir) => { ir.components['comp-prepare'].inputDefinitions.parameters.rows.parameterType = 'NUMBER_INTEGR'; })).toEqual([{
      severity: 'error', rule: 'schema', resource: RESOURCE, path: '.components.comp-prepare.inputDefinitions.parameters.rows.parameterType',
      message: 'must be one of "PARAMETER_TYPE_ENUM_UNSPECIFIED", "NUMBER_DOUBLE", "NUMBER_INTEGER", "STRING", "BOOLEAN", "LIST", "STRUCT", "TASK_FINAL_STATUS", "TASK_CONFIG"; got "NUMBER_INTEGR"',
      fix: 'did you mean "NUMBER_INTEGER"?',
    }]);
    expect(await broken((ir) => { ir.components['comp-prepare'].inputDefinitions.parameters.rows.parameterType = 2; })).toEqual([]);
  });

  test('values of the wrong type: an int32 as a string, a Duration without its unit, a list as a map', async () => {
    expect(await broken((ir) => {
      const retry = tasksOf(ir, 'comp-exit-handler-1').publish.retryPolicy;
      retry.maxRetryCount = 'three';
      retry.backoffDuration = '1h';
      ir.components['comp-train'].inputDefinitions.parameters.lr.isOptional = 'yes';
      tasksOf(ir).notify.dependentTasks = { 'exit-handler-1': true };
    })).toEqual([
      { severity: 'error', rule: 'schema', resource: RESOURCE, path: '.components.comp-exit-handler-1.dag.tasks.publish.retryPolicy.backoffDuration', message: '"1h" does not match the pattern ^-?[0-9]+(\\.[0-9]{1,9})?s$' },
      { severity: 'error', rule: 'schema', resource: RESOURCE, path: '.components.comp-exit-handler-1.dag.tasks.publish.retryPolicy.maxRetryCount', message: 'expected integer, got string "three"' },
      { severity: 'error', rule: 'schema', resource: RESOURCE, path: '.components.comp-train.inputDefinitions.parameters.lr.isOptional', message: 'expected boolean, got string "yes"' },
      { severity: 'error', rule: 'schema', resource: RESOURCE, path: '.root.dag.tasks.notify.dependentTasks', message: 'expected array, got object' },
    ]);
  });

  test('two members of a oneof: a component with both a dag and an executor', async () => {
    expect(await broken((ir) => { ir.components['comp-train-eval'].executorLabel = 'exec-prepare'; })).toEqual([{
      severity: 'error', rule: 'schema', resource: RESOURCE, path: '.components.comp-train-eval', message: 'sets "dag" and "executorLabel", but only one of dag, executorLabel may be set',
      fix: 'keep one of them: they are alternatives (a protobuf oneof), and readers of the format reject a second',
    }]);
  });

  test('what the proto leaves open stays open: deploymentSpec and the platform\'s executors are Structs, Values are any value', async () => {
    expect(await broken((ir, platform) => {
      ir.deploymentSpec.executors['exec-tag'].container.anything = { goes: [1, 'two'] };
      platform.platforms.kubernetes.deploymentSpec.executors['exec-train'].someFutureSetting = true;
      tasksOf(ir, 'comp-condition-2').publish.inputs.parameters.tags = { runtimeValue: { constant: { team: 'a', n: 1 } } };
    })).toEqual([]);
  });
});

describe('pipelines/pipeline-spec', () => {
  test('pipelineInfo.name is set, and a name KFP takes', async () => {
    expect(await broken((ir) => { ir.pipelineInfo.name = ''; })).toEqual([{
      severity: 'error', rule: 'pipelines/pipeline-spec', resource: 'PipelineSpec <unnamed>', path: '.pipelineInfo.name', message: 'the pipeline has no name (pipelineInfo.name is empty)', fix: 'set pipelineInfo.name, e.g. "train-and-evaluate"',
    }]);
    expect(await broken((ir) => { ir.pipelineInfo.name = 'IR fixture'; })).toEqual([{
      severity: 'error', rule: 'pipelines/pipeline-spec', resource: 'PipelineSpec IR fixture', path: '.pipelineInfo.name',
      message: '"IR fixture" is not a pipeline name KFP accepts: only lower-case letters, digits and "-", starting with a letter or digit', fix: 'rename it, e.g. "ir-fixture"',
    }]);
  });

  test('a root component', async () => {
    expect(await broken((ir) => { delete ir.root; })).toEqual([
      expect.objectContaining({ rule: 'pipelines/pipeline-spec', path: '.root', message: 'the pipeline has no root component' }),
    ]);
  });
});

describe('pipelines/component-refs', () => {
  test('every componentRef names a component, with the one meant', async () => {
    expect(await broken((ir) => { tasksOf(ir, 'comp-for-loop-1').train.componentRef.name = 'comp-trian'; })).toEqual([{
      severity: 'error', rule: 'pipelines/component-refs', resource: RESOURCE, path: '.components.comp-for-loop-1.dag.tasks.train.componentRef.name',
      message: 'task "train" runs component "comp-trian", which the pipeline does not define', fix: 'define "comp-trian" under components, or name one it defines: did you mean "comp-train"?',
    }]);
  });

  test('no component runs itself, and none is named root', async () => {
    expect(await broken((ir) => {
      tasksOf(ir, 'comp-for-loop-1').again = { componentRef: { name: 'comp-train-eval' }, taskInfo: { name: 'again' }, inputs: { parameters: { rows: { runtimeValue: { constant: 1 } }, lrs: { runtimeValue: { constant: [0.1] } } } } };
      ir.components.root = ir.components['comp-tag'];
    })).toEqual([
      expect.objectContaining({ rule: 'pipelines/component-refs', path: '.components.root', message: 'a component is named "root", which KFP reserves for the pipeline\'s root component' }),
      {
        severity: 'error', rule: 'pipelines/component-refs', resource: RESOURCE, path: '.components.comp-for-loop-1.dag.tasks.again.componentRef.name',
        message: 'component "comp-train-eval" runs itself ("comp-train-eval" → "comp-for-loop-1" → "comp-train-eval"), so KFP cannot compile the pipeline', fix: 'let task "again" run another component',
      },
    ]);
  });
});

describe('pipelines/executor-labels', () => {
  test('every executorLabel names an executor, with the one meant', async () => {
    expect(await broken((ir) => { ir.components['comp-prepare'].executorLabel = 'exec-prepar'; })).toEqual([{
      severity: 'error', rule: 'pipelines/executor-labels', resource: RESOURCE, path: '.components.comp-prepare.executorLabel',
      message: 'component "comp-prepare" runs executor "exec-prepar", which deploymentSpec.executors does not define', fix: 'define "exec-prepar" under deploymentSpec.executors, or name one it defines: did you mean "exec-prepare"?',
    }]);
  });

  test('a component runs something, and its executor is a container or an importer', async () => {
    expect(await broken((ir) => {
      delete ir.components['comp-tag'].executorLabel;
      ir.deploymentSpec.executors['exec-notify'] = { resolver: { outputArtifactQueries: {} } };
    })).toEqual([
      expect.objectContaining({ rule: 'pipelines/executor-labels', path: '.deploymentSpec.executors.exec-notify', message: 'executor "exec-notify" (of component "comp-notify") is neither a container nor an importer, the executors KFP runs' }),
      expect.objectContaining({ rule: 'pipelines/executor-labels', path: '.components.comp-tag', message: 'component "comp-tag" has neither a dag nor an executorLabel: it runs nothing' }),
    ]);
  });
});

describe('pipelines/input-bindings', () => {
  test('an output of a task of the same DAG, that its component declares', async () => {
    expect(await broken((ir) => {
      tasksOf(ir, 'comp-train-eval').evaluate.inputs.parameters.losses.taskOutputParameter.producerTask = 'for-loop-9';
      tasksOf(ir, 'comp-train-eval')['for-loop-1'].inputs.parameters['pipelinechannel--prepare-count'].taskOutputParameter.outputParameterKey = 'cont';
      tasksOf(ir, 'comp-train-eval')['for-loop-1'].inputs.artifacts['pipelinechannel--prepare-data'].taskOutputArtifact.outputArtifactKey = 'count';
    })).toEqual([
      {
        severity: 'error', rule: 'pipelines/input-bindings', resource: RESOURCE, path: '.components.comp-train-eval.dag.tasks.evaluate.inputs.parameters.losses.taskOutputParameter.producerTask',
        message: 'task "evaluate" takes an output of task "for-loop-9", which is not a task of this DAG', fix: 'name a task of this DAG: did you mean "for-loop-1"?',
      },
      {
        severity: 'error', rule: 'pipelines/input-bindings', resource: RESOURCE, path: '.components.comp-train-eval.dag.tasks.for-loop-1.inputs.parameters.pipelinechannel--prepare-count.taskOutputParameter.outputParameterKey',
        message: 'task "for-loop-1" takes output "cont" of task "prepare", whose component "comp-prepare" has no such output parameter', fix: 'name one of its outputs: did you mean "count"?',
      },
      {
        severity: 'error', rule: 'pipelines/input-bindings', resource: RESOURCE, path: '.components.comp-train-eval.dag.tasks.for-loop-1.inputs.artifacts.pipelinechannel--prepare-data.taskOutputArtifact.outputArtifactKey',
        message: 'task "for-loop-1" takes output "count" of task "prepare", whose component "comp-prepare" has no such output artifact', fix: 'it is an output parameter: take it with taskOutputParameter under inputs.parameters',
      },
    ]);
  });

  test('an input of the enclosing component, and an input its own component has', async () => {
    expect(await broken((ir) => {
      tasksOf(ir, 'comp-train-eval').prepare.inputs.parameters.rows.componentInputParameter = 'row';
      tasksOf(ir, 'comp-for-loop-1').train.inputs.parameters.learning_rate = tasksOf(ir, 'comp-for-loop-1').train.inputs.parameters.lr;
      tasksOf(ir, 'comp-for-loop-1').train.inputs.artifacts.data.componentInputArtifact = 'pipelinechannel--lrs';
    })).toEqual([
      { path: '.components.comp-for-loop-1.dag.tasks.train.inputs.parameters.learning_rate', message: 'task "train" binds input parameter "learning_rate", which component "comp-train" does not have', fix: 'name one of its input parameters: it has "epochs", "lr"' },
      { path: '.components.comp-for-loop-1.dag.tasks.train.inputs.artifacts.data.componentInputArtifact', message: 'task "train" takes input "data" from input artifact "pipelinechannel--lrs" of component "comp-for-loop-1", which has no such input', fix: 'it is a parameter input: bind it as componentInputParameter under inputs.parameters' },
      { path: '.components.comp-train-eval.dag.tasks.prepare.inputs.parameters.rows.componentInputParameter', message: 'task "prepare" takes input "rows" from input parameter "row" of component "comp-train-eval", which has no such input', fix: 'name one of its input parameters: did you mean "rows"?' },
    ].map((f) => ({ severity: 'error', rule: 'pipelines/input-bindings', resource: RESOURCE, ...f })));
  });

  test('parameters of the type the input takes: an error where the run fails, a warning where only kfp\'s compiler refuses', async () => {
    expect(await broken((ir) => {
      tasksOf(ir, 'comp-train-eval').evaluate.inputs.parameters.losses = { taskOutputParameter: { producerTask: 'prepare', outputParameterKey: 'count' } };
      tasksOf(ir, 'comp-for-loop-1').train.inputs.parameters.lr = { componentInputParameter: 'pipelinechannel--prepare-count' };
      tasksOf(ir, 'comp-exit-handler-1')['tag-2'].inputs.parameters.n = { runtimeValue: { constant: 'one' } };
    })).toEqual([
      {
        severity: 'error', rule: 'pipelines/input-bindings', resource: RESOURCE, path: '.components.comp-exit-handler-1.dag.tasks.tag-2.inputs.parameters.n.runtimeValue.constant',
        message: 'input "n" of task "tag-2" is NUMBER_INTEGER, and the constant "one" is not', fix: 'give a NUMBER_INTEGER value',
      },
      {
        severity: 'warning', rule: 'pipelines/input-bindings', resource: RESOURCE, path: '.components.comp-for-loop-1.dag.tasks.train.inputs.parameters.lr',
        message: 'input "lr" of task "train" is NUMBER_DOUBLE, and input "pipelinechannel--prepare-count" of component "comp-for-loop-1" is NUMBER_INTEGER (kfp\'s compiler refuses this; at run time the value is passed on)',
        fix: 'take a NUMBER_DOUBLE value, or make the input NUMBER_INTEGER',
      },
      {
        severity: 'error', rule: 'pipelines/input-bindings', resource: RESOURCE, path: '.components.comp-train-eval.dag.tasks.evaluate.inputs.parameters.losses',
        message: 'input "losses" of task "evaluate" is LIST, and output "count" of task "prepare" is NUMBER_INTEGER', fix: 'take a LIST value, or make the input NUMBER_INTEGER',
      },
    ]);
  });

  test('artifacts of the type the input takes: the schema title, and a list for a list', async () => {
    expect(await broken((ir) => {
      ir.components['comp-for-loop-1'].inputDefinitions.artifacts['pipelinechannel--prepare-data'].artifactType.schemaTitle = 'system.Model';
      ir.components['comp-evaluate'].inputDefinitions.artifacts.models.isArtifactList = false;
    })).toEqual([
      // The loop's input now takes a Model, and is given prepare's Dataset; it gives train, which takes a Dataset, a Model.
      expect.objectContaining({ severity: 'error', path: '.components.comp-for-loop-1.dag.tasks.train.inputs.artifacts.data', message: 'input "data" of task "train" takes system.Dataset@0.0.1, and input "pipelinechannel--prepare-data" of component "comp-for-loop-1" is system.Model@0.0.1' }),
      expect.objectContaining({ severity: 'error', path: '.components.comp-train-eval.dag.tasks.evaluate.inputs.artifacts.models', message: 'input "models" of task "evaluate" takes system.Model@0.0.1, and output "pipelinechannel--train-model" of task "for-loop-1" is List[system.Model@0.0.1]' }),
      {
        severity: 'error', rule: 'pipelines/input-bindings', resource: RESOURCE, path: '.components.comp-train-eval.dag.tasks.for-loop-1.inputs.artifacts.pipelinechannel--prepare-data',
        message: 'input "pipelinechannel--prepare-data" of task "for-loop-1" takes system.Model@0.0.1, and output "data" of task "prepare" is system.Dataset@0.0.1', fix: 'take a system.Model@0.0.1 artifact, or change the input\'s artifactType',
      },
    ]);
    // system.Artifact takes any artifact, as kfp's compiler has it.
    expect(await broken((ir) => { ir.components['comp-train'].inputDefinitions.artifacts.data.artifactType.schemaTitle = 'system.Artifact'; })).toEqual([]);
  });

  test('the final status of a task of the DAG, and a loop over an input of its task', async () => {
    expect(await broken((ir) => {
      tasksOf(ir).notify.inputs.parameters.status.taskFinalStatus.producerTask = 'exit-handler';
      tasksOf(ir, 'comp-exit-handler-1')['for-loop-2'].parameterIterator.items.inputParameter = 'pipelinechannel--version';
    })).toEqual([
      {
        severity: 'error', rule: 'pipelines/input-bindings', resource: RESOURCE, path: '.root.dag.tasks.notify.inputs.parameters.status.taskFinalStatus.producerTask',
        message: 'task "notify" takes the final status of task "exit-handler", which is not a task of this DAG', fix: 'name a task of this DAG: did you mean "exit-handler-1"?',
      },
      {
        severity: 'error', rule: 'pipelines/input-bindings', resource: RESOURCE, path: '.components.comp-exit-handler-1.dag.tasks.for-loop-2.parameterIterator.items.inputParameter',
        message: 'loop "for-loop-2" iterates over its input "pipelinechannel--version", which the task does not bind', fix: 'bind "pipelinechannel--version" in inputs.parameters, or name one it binds: did you mean "pipelinechannel--versions"?',
      },
    ]);
  });

  test('a loop passes its item to an input of its component; then the item is no longer exempt from typing or binding', async () => {
    expect(await broken((ir) => { tasksOf(ir, 'comp-exit-handler-1')['for-loop-2'].parameterIterator.itemInput = 'pipelinechannel--versions-item'; })).toEqual([
      {
        severity: 'error', rule: 'pipelines/input-bindings', resource: RESOURCE, path: '.components.comp-exit-handler-1.dag.tasks.for-loop-2.parameterIterator.itemInput',
        message: 'loop "for-loop-2" passes each item as input "pipelinechannel--versions-item", which component "comp-for-loop-2" does not have', fix: 'name one of its input parameters: did you mean "pipelinechannel--versions"?',
      },
      expect.objectContaining({ rule: 'pipelines/input-bindings', path: '.components.comp-for-loop-2.dag.tasks.tag.inputs.parameters.n', message: 'input "n" of task "tag" is NUMBER_INTEGER, and input "pipelinechannel--versions-loop-item" of component "comp-for-loop-2" is STRING' }),
      expect.objectContaining({ rule: 'pipelines/required-inputs', path: '.components.comp-exit-handler-1.dag.tasks.for-loop-2.inputs.parameters.pipelinechannel--versions-loop-item' }),
    ]);
  });
});

describe('pipelines/required-inputs', () => {
  test('every required input of a task\'s component is bound', async () => {
    expect(await broken((ir) => {
      delete tasksOf(ir, 'comp-train-eval').prepare.inputs.parameters.rows;
      delete tasksOf(ir, 'comp-for-loop-1').train.inputs.artifacts;
      delete tasksOf(ir, 'comp-condition-2').publish.inputs.parameters.tags; // optional: fine
    })).toEqual([
      {
        severity: 'error', rule: 'pipelines/required-inputs', resource: RESOURCE, path: '.components.comp-for-loop-1.dag.tasks.train.inputs.artifacts.data',
        message: 'task "train" does not bind the required input artifact "data" of component "comp-train"', fix: 'bind inputs.artifacts.data (from a task\'s output or an input of the enclosing component), or make the input optional',
      },
      {
        severity: 'error', rule: 'pipelines/required-inputs', resource: RESOURCE, path: '.components.comp-train-eval.dag.tasks.prepare.inputs.parameters.rows',
        message: 'task "prepare" does not bind the required input parameter "rows" of component "comp-prepare"', fix: 'bind inputs.parameters.rows (from a task\'s output, an input of the enclosing component or a constant), or make the input optional',
      },
    ]);
  });
});

describe('pipelines/dag-outputs', () => {
  test('a loop collects its iterations into a LIST and a list of artifacts', async () => {
    expect(await broken((ir) => {
      ir.components['comp-for-loop-1'].outputDefinitions.parameters['pipelinechannel--train-loss'].parameterType = 'NUMBER_DOUBLE';
      ir.components['comp-for-loop-1'].outputDefinitions.artifacts['pipelinechannel--train-model'].isArtifactList = false;
      ir.components['comp-evaluate'].inputDefinitions.artifacts.models.isArtifactList = false; // as the loop now says
      ir.components['comp-evaluate'].inputDefinitions.parameters.losses.parameterType = 'NUMBER_DOUBLE';
    })).toEqual([
      {
        severity: 'error', rule: 'pipelines/dag-outputs', resource: RESOURCE, path: '.components.comp-for-loop-1.dag.outputs.parameters.pipelinechannel--train-loss.valueFromParameter',
        message: 'output "pipelinechannel--train-loss" of loop component "comp-for-loop-1" collects every iteration\'s NUMBER_DOUBLE into a LIST, and is declared NUMBER_DOUBLE', fix: 'declare outputDefinitions.parameters.pipelinechannel--train-loss as LIST',
      },
      {
        severity: 'error', rule: 'pipelines/dag-outputs', resource: RESOURCE, path: '.components.comp-for-loop-1.dag.outputs.artifacts.pipelinechannel--train-model.artifactSelectors[0]',
        message: 'output "pipelinechannel--train-model" of loop component "comp-for-loop-1" is declared system.Model@0.0.1, and collects List[system.Model@0.0.1] from task "train"', fix: 'declare it List[system.Model@0.0.1] (isArtifactList: true)',
      },
    ]);
  });

  test('each output is selected from a task of the DAG and one of its outputs, and each declared output is selected', async () => {
    expect(await broken((ir) => {
      ir.components['comp-train-eval'].dag.outputs.artifacts.Output.artifactSelectors[0].producerSubtask = 'importer-3';
      ir.components['comp-for-loop-1'].dag.outputs.parameters['pipelinechannel--train-loss'].valueFromParameter.outputParameterKey = 'los';
      ir.components['comp-train-eval'].outputDefinitions.parameters = { accuracy: { parameterType: 'NUMBER_DOUBLE' } };
    })).toEqual([
      expect.objectContaining({ rule: 'pipelines/dag-outputs', path: '.components.comp-for-loop-1.dag.outputs.parameters.pipelinechannel--train-loss.valueFromParameter.outputParameterKey', message: 'output "pipelinechannel--train-loss" of component "comp-for-loop-1" is selected from output "los" of task "train", whose component "comp-train" has no such output', fix: 'name one of its outputs: did you mean "loss"?' }),
      expect.objectContaining({ rule: 'pipelines/dag-outputs', path: '.components.comp-train-eval.outputDefinitions.parameters.accuracy', message: 'component "comp-train-eval" declares output "accuracy", which its DAG does not select from any task' }),
      expect.objectContaining({ rule: 'pipelines/dag-outputs', path: '.components.comp-train-eval.dag.outputs.artifacts.Output.artifactSelectors[0].producerSubtask', message: 'output "Output" of component "comp-train-eval" is selected from task "importer-3", which is not a task of its DAG', fix: 'name a task of the DAG: did you mean "importer-2"?' }),
    ]);
  });
});

describe('pipelines/task-dependencies', () => {
  test('dependentTasks name tasks of the same DAG', async () => {
    expect(await broken((ir) => { tasksOf(ir, 'comp-train-eval').evaluate.dependentTasks = ['for-loop-2']; })).toEqual([{
      severity: 'error', rule: 'pipelines/task-dependencies', resource: RESOURCE, path: '.components.comp-train-eval.dag.tasks.evaluate.dependentTasks[0]',
      message: 'task "evaluate" waits for task "for-loop-2", which is not a task of the DAG of component "comp-train-eval"', fix: 'name a task of this DAG: did you mean "for-loop-1"?',
    }]);
  });

  test('no cycles, through dependentTasks and the outputs tasks take', async () => {
    expect(await broken((ir) => {
      tasksOf(ir, 'comp-train-eval').prepare.dependentTasks = ['evaluate'];
      tasksOf(ir).notify.dependentTasks.push('notify');
    })).toEqual([
      expect.objectContaining({ rule: 'pipelines/task-dependencies', path: '.root.dag.tasks.notify.dependentTasks', message: 'task "notify" waits for itself, so it never starts' }),
      {
        severity: 'error', rule: 'pipelines/task-dependencies', resource: RESOURCE, path: '.components.comp-train-eval.dag.tasks.evaluate.dependentTasks',
        message: 'task "evaluate" waits for "for-loop-1", which waits for "prepare", which waits for "evaluate": none of them ever starts',
        fix: 'remove one of the waits: a name in dependentTasks, or an input taken from the other task\'s output or final status',
      },
    ]);
  });
});

describe('the same checks on a PipelineVersion', () => {
  test('report the IR\'s problems at .spec.pipelineSpec and .spec.platformSpec', async () => {
    const { ir, platform } = structuredClone(fixture);
    ir.components['comp-prepare'].executorLabel = 'exec-prepar';
    ir.sdkVersoin = 'kfp-2.17.0';
    platform.platforms.kubernetes.deploymentSpecs = {};
    const version = { apiVersion: 'pipelines.kubeflow.org/v2beta1', kind: 'PipelineVersion', metadata: { name: 'ir-fixture-v1', namespace: 'team-a' }, spec: { pipelineName: 'ir-fixture', pipelineSpec: ir, platformSpec: platform } };
    const resource = 'pipelines.kubeflow.org/v2beta1 PipelineVersion team-a/ir-fixture-v1';
    expect(await validate([version], { version: '1.1' })).toEqual([
      { severity: 'error', rule: 'schema', resource, path: '.spec.pipelineSpec.sdkVersoin', message: 'unknown field "sdkVersoin"', fix: 'did you mean "sdkVersion"?' },
      { severity: 'error', rule: 'schema', resource, path: '.spec.platformSpec.platforms.kubernetes.deploymentSpecs', message: 'unknown field "deploymentSpecs"', fix: 'did you mean "deploymentSpec"?' },
      expect.objectContaining({ rule: 'pipelines/executor-labels', resource, path: '.spec.pipelineSpec.components.comp-prepare.executorLabel' }),
    ]);
  });
});

test('validate names the file, its line, the pipeline and the field', async () => {
  const { ir, platform } = structuredClone(fixture);
  ir.components['comp-prepare'].executorLabel = 'exec-prepar';
  const file = path.join(tmp, 'cli.yaml');
  const text = `${YAML.stringify(ir, { version: '1.2' })}---\n${YAML.stringify(platform, { version: '1.2' })}`;
  fs.writeFileSync(file, text);
  const line = text.split('\n').indexOf('    executorLabel: exec-prepar') + 1;
  const { code, stdout } = await runCli('validate', file);
  expect(code).toBe(1);
  expect(stdout).toBe([
    `error: ${file}:${line}: PipelineSpec ir-fixture: .components.comp-prepare.executorLabel: component "comp-prepare" runs executor "exec-prepar", which deploymentSpec.executors does not define [pipelines/executor-labels]`,
    '  fix: define "exec-prepar" under deploymentSpec.executors, or name one it defines: did you mean "exec-prepare"?',
    '2 objects; schemas of kubeflow-platform-2026-04: 2 valid, 0 invalid, 0 not validated; policy rules: 1 error, 0 warnings',
    '',
  ].join('\n'));
});

test('no pipelines rule throws on IR of any shape (values of every type in random places)', () => {
  const junk: unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], [null], [1, 'a'], {}, { a: null }, { name: 7 }, { producerTask: 'prepare' }];
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const slots = (value: unknown, out: [Record<string | number, unknown>, string | number][] = []): typeof out => {
    if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) { out.push([value as Record<string, unknown>, Array.isArray(value) ? Number(k) : k]); slots(v, out); }
    return out;
  };
  for (let round = 0; round < 150; round++) {
    const { ir } = structuredClone(fixture);
    for (let i = 0; i < 1 + (round % 5); i++) {
      const all = slots(ir);
      const [holder, key] = all[Math.floor(next() * all.length)];
      holder[key] = structuredClone(junk[Math.floor(next() * junk.length)]);
    }
    const version = { apiVersion: 'pipelines.kubeflow.org/v2beta1', kind: 'PipelineVersion', metadata: { name: 'v' }, spec: { pipelineSpec: ir } };
    const { findings } = runPolicies([{ file: 'ir.yaml', object: ir }, { file: 'v.yaml', object: version }], { rules: pipelinesRules });
    expect(findings.filter((f) => f.message.startsWith('the rule failed'))).toEqual([]);
  }
});
