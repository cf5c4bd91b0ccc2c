// Components: container components, importers, and components loaded from compiled YAML.
import { parse } from 'yaml';
import { pipelineError } from './errors';
import { ArtifactPlaceholders, Arg, ioPlaceholder, Placeholder } from './placeholders';
import { ArtifactSpec, ArtifactType, IoSpec, IoSpecs, JsonValue, NoIo, Param, ParameterSpec, ParameterType } from './types';

/** Something a pipeline can run as a task: a container component, an importer or a pipeline. */
export interface IComponent<I extends IoSpecs = IoSpecs, O extends IoSpecs = IoSpecs> {
  /** The component's name (a task is named after it). */
  readonly name: string;
  readonly inputs: I;
  readonly outputs: O;
}

/** What the placeholders function of a container component receives. */
export interface ComponentIo<I extends IoSpecs, O extends IoSpecs> {
  /** A parameter's value; an artifact's path, URI and metadata; a list of artifacts as a whole. */
  readonly inputs: { readonly [K in keyof I]: I[K] extends ArtifactSpec<any, any, true> ? Placeholder : I[K] extends ArtifactSpec ? ArtifactPlaceholders : Placeholder };
  readonly outputs: { readonly [K in keyof O]: O[K] extends ArtifactSpec ? ArtifactPlaceholders : Placeholder };
}

/** Arguments, literal or built from the component's placeholders. */
export type Args<I extends IoSpecs, O extends IoSpecs> = readonly Arg[] | ((io: ComponentIo<I, O>) => Arg[]);

/** A container component. */
export interface ContainerComponentProps<I extends IoSpecs, O extends IoSpecs> {
  /** The component's name, lower case with dashes or underscores (as kfp, the function name). */
  readonly name: string;
  /** Typed inputs: `Param.*` and `Artifact.*`. @default - none */
  readonly inputs?: I;
  /** Typed outputs: parameters are written to a file, artifacts to a path or URI. @default - none */
  readonly outputs?: O;
  /** The container image. */
  readonly image: string;
  /** The entrypoint. @default - the image's */
  readonly command?: Args<I, O>;
  /** The arguments. @default - none */
  readonly args?: Args<I, O>;
}

/** The container of a component, as the IR's `PipelineContainerSpec`. @internal */
export interface ContainerJson {
  readonly image: string;
  readonly command?: string[];
  readonly args?: string[];
}

/** A container component: an image run with typed inputs and outputs (`@dsl.container_component`). */
export class ContainerComponent<I extends IoSpecs = IoSpecs, O extends IoSpecs = IoSpecs> implements IComponent<I, O> {
  /** Defines a container component. Placeholders are checked against the inputs and outputs. */
  public static define<I extends IoSpecs = NoIo, O extends IoSpecs = NoIo>(props: ContainerComponentProps<I, O>): ContainerComponent<I, O> {
    const inputs = (props.inputs ?? {}) as I;
    const outputs = (props.outputs ?? {}) as O;
    const where = `component ${props.name}`;
    checkName(props.name, where);
    checkIoNames(where, 'inputs', inputs);
    checkIoNames(where, 'outputs', outputs);
    const clash = Object.keys(inputs).find((k) => k in outputs);
    if (clash) pipelineError(`component ${props.name}`, `outputs.${clash}`, `'${clash}' is both an input and an output`, 'give the input and the output different names');
    const io = {
      inputs: Object.fromEntries(Object.entries(inputs).map(([k, s]) => [k, ioPlaceholder('inputs', s.kind, k, s.kind === 'artifact' && s.options.list)])),
      outputs: Object.fromEntries(Object.entries(outputs).map(([k, s]) => [k, ioPlaceholder('outputs', s.kind, k)])),
    } as ComponentIo<I, O>;
    const render = (a: Args<I, O> | undefined, field: string) => {
      if (a === undefined) return undefined;
      try {
        return (typeof a === 'function' ? a(io) : a).map(String);
      } catch (e) {
        return pipelineError(where, field, (e as Error).message, 'build the arguments from io.inputs and io.outputs of this component');
      }
    };
    const container: ContainerJson = { image: props.image, command: render(props.command, 'command'), args: render(props.args, 'args') };
    if (!props.image) pipelineError(`component ${props.name}`, 'image', 'is empty', "name the container image, e.g. 'python:3.11'");
    return new ContainerComponent(props.name, inputs, outputs, container);
  }

  /**
   * Loads a container component from the YAML kfp writes for a component
   * (`kfp.compiler.Compiler().compile(my_component, 'component.yaml')`, or our own).
   */
  public static fromYaml(text: string): ContainerComponent<IoSpecs, IoSpecs> {
    const ir = parse(text) as any;
    const name = ir?.pipelineInfo?.name;
    const comps = Object.values(ir?.components ?? {}) as any[];
    const executors = ir?.deploymentSpec?.executors ?? {};
    if (typeof name !== 'string' || comps.length !== 1 || Object.keys(executors).length !== 1) {
      pipelineError('component YAML', 'components', 'is not the IR of one container component (pipelineInfo.name, one component, one executor)', 'load the YAML kfp writes for a @dsl.container_component, or define the component with ContainerComponent.define');
    }
    const container = (Object.values(executors)[0] as any).container;
    if (!container?.image) pipelineError(`component ${name}`, 'deploymentSpec.executors', 'has no container', 'load a container component; pipelines are defined with PipelineComponent.define');
    return new ContainerComponent(name, specsFromJson(ir.root?.inputDefinitions, true), specsFromJson(ir.root?.outputDefinitions, false),
      { image: container.image, command: container.command, args: container.args });
  }

  private constructor(
    public readonly name: string,
    public readonly inputs: I,
    public readonly outputs: O,
    /** @internal */ public readonly container: ContainerJson,
  ) {}
}

/** Options of an importer. */
export interface ImporterOptions {
  /** Import the artifact again on every run rather than reuse an earlier import. @default false */
  readonly reimport?: boolean;
  /** Metadata recorded with the artifact. @default - none */
  readonly metadata?: Record<string, JsonValue>;
}

/** An importer: brings an existing artifact (by URI) into the pipeline's lineage (`dsl.importer`). */
export class Importer<S extends ArtifactType = ArtifactType> implements IComponent<{ uri: ParameterSpec<'STRING', false> }, { artifact: ArtifactSpec<S, false> }> {
  public readonly name = 'importer';
  public readonly inputs = { uri: Param.string() as ParameterSpec<'STRING', false> };
  public readonly outputs: { artifact: ArtifactSpec<S, false> };
  constructor(artifact: ArtifactSpec<S>, public readonly options: ImporterOptions = {}) {
    this.outputs = { artifact: artifact as ArtifactSpec<S, false> };
  }
}

/** Inputs and outputs are Python identifiers in kfp (and appear verbatim in placeholders). @internal */
export function checkIoNames(where: string, field: string, specs: object): void {
  for (const name of Object.keys(specs)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) pipelineError(where, `${field}.${name}`, `'${name}' is not a valid input or output name`, 'use letters, digits and underscores, not starting with a digit (a Python identifier)');
  }
}

/** kfp's rule for component names: letters, digits, dashes and underscores. @internal */
export function checkName(name: string, where: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name ?? '')) {
    pipelineError(where, 'name', `'${name}' is not a valid name`, "use letters, digits, '-' and '_', starting with a letter or digit");
  }
}

function specsFromJson(defs: any, input: boolean): IoSpecs {
  const out: Record<string, IoSpec> = {};
  for (const [k, p] of Object.entries<any>(defs?.parameters ?? {})) {
    const options = {
      ...(input && p.defaultValue !== undefined ? { default: p.defaultValue } : {}),
      ...(input && p.isOptional && p.defaultValue === undefined ? { optional: true } : {}),
      ...(p.description ? { description: p.description } : {}),
    };
    out[k] = new ParameterSpec(p.parameterType as ParameterType, options);
  }
  for (const [k, a] of Object.entries<any>(defs?.artifacts ?? {})) {
    out[k] = new ArtifactSpec(a.artifactType?.schemaTitle, { optional: input && a.isOptional, list: a.isArtifactList, description: a.description });
  }
  return out;
}
