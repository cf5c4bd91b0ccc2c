/**
 * A value Katib substitutes into a trial's job: a search-space parameter, a value the NAS
 * suggestion computes, or the trial's own metadata. Put `ref` where the value belongs, e.g.
 * `args: ['--lr', lr.ref]`; Katib replaces `${trialParameters.<name>}` with the trial's value.
 */
export interface ITrialParameter {
  /** The name in the trial template (`${trialParameters.<name>}`). */
  readonly name: string;
  /**
   * What Katib substitutes: the name of a search-space parameter or of a value the suggestion
   * assigns (e.g. `architecture`), or a trial metadata reference (e.g. `${trialSpec.Name}`).
   */
  readonly reference: string;
  /** Shown in the Katib UI. */
  readonly description?: string;
  /** The placeholder to put in the trial's job: `${trialParameters.<name>}`. */
  readonly ref: string;
}

/** The placeholder Katib substitutes (consts.TrialTemplateParamReplaceFormat in kubeflow/katib). @internal */
export function placeholder(name: string): string {
  return `\${trialParameters.${name}}`;
}

// consts.TrialTemplateParamReplaceFormatRegex in kubeflow/katib: the lazy `.+?` up to the first `}`.
const PLACEHOLDER = /\$\{trialParameters\.(.+?)\}/g;

/** Names of the placeholders in `text`, each once, in order of first appearance. @internal */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** A trial parameter whose value Katib computes (a NAS output or trial metadata). */
export class TrialValue implements ITrialParameter {
  constructor(
    public readonly name: string,
    public readonly reference: string,
    public readonly description?: string,
  ) {}

  public get ref(): string {
    return placeholder(this.name);
  }
}

const META_NAMES = ['trialName', 'trialNamespace', 'trialKind', 'trialAPIVersion'];
const META_MAP = /^trial(Labels|Annotations)\[(.+)\]$/;

/**
 * The trial's own metadata, substituted into its job (Katib's `${trialSpec.Name}`,
 * `${trialSpec.Labels[key]}`, …; TrialTemplateMetaKeys in kubeflow/katib
 * pkg/controller.v1beta1/consts). E.g. `env: { RUN_NAME: TrialMetadata.NAME.ref }` names a
 * tracking run after the trial.
 */
export class TrialMetadata {
  /** The trial's name (also its job's). */
  public static readonly NAME: ITrialParameter = new TrialValue('trialName', '${trialSpec.Name}', 'Name of the trial');
  /** The trial's namespace. */
  public static readonly NAMESPACE: ITrialParameter = new TrialValue('trialNamespace', '${trialSpec.Namespace}', 'Namespace of the trial');
  /** The trial job's kind. */
  public static readonly KIND: ITrialParameter = new TrialValue('trialKind', '${trialSpec.Kind}', 'Kind of the trial job');
  /** The trial job's apiVersion. */
  public static readonly API_VERSION: ITrialParameter = new TrialValue('trialAPIVersion', '${trialSpec.APIVersion}', 'API version of the trial job');

  /** A label of the trial job (set it on the job with `labels`). */
  public static label(key: string): ITrialParameter {
    return new TrialValue(`trialLabels[${key}]`, `\${trialSpec.Labels[${key}]}`, `Label ${key} of the trial job`);
  }

  /** An annotation of the trial job. */
  public static annotation(key: string): ITrialParameter {
    return new TrialValue(`trialAnnotations[${key}]`, `\${trialSpec.Annotations[${key}]}`, `Annotation ${key} of the trial job`);
  }

  /** The metadata parameter a placeholder name stands for, if it is one. */
  public static fromName(name: string): ITrialParameter | undefined {
    const fixed = [TrialMetadata.NAME, TrialMetadata.NAMESPACE, TrialMetadata.KIND, TrialMetadata.API_VERSION].find((p) => p.name === name);
    if (fixed) return fixed;
    const m = META_MAP.exec(name);
    if (!m) return undefined;
    return m[1] === 'Labels' ? TrialMetadata.label(m[2]) : TrialMetadata.annotation(m[2]);
  }

  /** True when `name` is taken by trial metadata (`trialName`, `trialLabels[…]`, …). */
  public static isReserved(name: string): boolean {
    return META_NAMES.includes(name) || META_MAP.test(name);
  }

  private constructor() {}
}
