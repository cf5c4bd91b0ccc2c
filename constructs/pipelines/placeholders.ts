// Command-line placeholders of container components, rendered as the IR's strings.
import { JsonValue } from './types';

/** A command-line argument: a literal or a placeholder the KFP launcher fills in. */
export type Arg = string | Placeholder;

/** A placeholder in a container's command or args. */
export class Placeholder {
  /**
   * `then` when the optional input is bound, else `otherwise` (`dsl.IfPresentPlaceholder`):
   * `Placeholder.ifPresent(inputs.opt, ['--opt', inputs.opt])`.
   */
  public static ifPresent(input: Placeholder | ArtifactPlaceholders, then: Arg[], otherwise?: Arg[]): Placeholder {
    const name = input instanceof Placeholder ? input.inputName : input?.uri?.inputName;
    if (name === undefined) {
      throw new TypeError('Placeholder.ifPresent takes the placeholder of an input of the component (io.inputs.<name>), not an output or a literal');
    }
    return new Placeholder(pythonJson({ IfPresent: { InputName: name, Then: then.map(String), ...(otherwise ? { Else: otherwise.map(String) } : {}) } }));
  }

  /** The arguments joined into one string (`dsl.ConcatPlaceholder`). */
  public static concat(parts: Arg[]): Placeholder {
    return new Placeholder(pythonJson({ Concat: parts.map(String) }));
  }

  /** @internal */
  constructor(
    public readonly text: string,
    /** The input it stands for, when it is an input's placeholder. @internal */
    public readonly inputName?: string,
  ) {}

  public toString(): string {
    return this.text;
  }
}

/** The placeholders of an artifact: its local path, URI and metadata. */
export interface ArtifactPlaceholders {
  readonly path: Placeholder;
  readonly uri: Placeholder;
  readonly metadata: Placeholder;
}

/** The placeholders for one input or output (a list of artifacts is one placeholder, the whole list). @internal */
export function ioPlaceholder(io: 'inputs' | 'outputs', kind: 'parameter' | 'artifact', name: string, list = false): Placeholder | ArtifactPlaceholders {
  const input = io === 'inputs' ? name : undefined;
  if (kind === 'artifact') {
    const base = `{{$.${io}.artifacts['${name}']`;
    if (list) return new Placeholder(`${base}}}`, input);
    return { path: new Placeholder(`${base}.path}}`, input), uri: new Placeholder(`${base}.uri}}`, input), metadata: new Placeholder(`${base}.metadata}}`, input) };
  }
  return new Placeholder(io === 'inputs' ? `{{$.inputs.parameters['${name}']}}` : `{{$.outputs.parameters['${name}'].output_file}}`, input);
}

/** JSON as Python's `json.dumps` writes it (`", "` and `": "` separators), which the IR carries verbatim. @internal */
export function pythonJson(value: JsonValue, sortKeys = false): string {
  if (Array.isArray(value)) return `[${value.map((v) => pythonJson(v, sortKeys)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = sortKeys ? Object.keys(value).sort() : Object.keys(value);
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${pythonJson(value[k], sortKeys)}`).join(', ')}}`;
  }
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(value);
}
