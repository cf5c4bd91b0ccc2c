// Katib's substitution syntax (pkg/controller.v1beta1/consts/const.go): `${trialParameters.<name>}`
// in the template, `${trialSpec.<Key>}` as a trial parameter's reference to the trial's metadata.

/** TrialTemplateParamReplaceFormat: the placeholder of trial parameter `name`. */
export function placeholder(name: string): string {
  return `\${trialParameters.${name}}`;
}

/** TrialTemplateParamReplaceFormatRegex: every placeholder, lazily up to the first `}`. */
export const PLACEHOLDERS = /\$\{trialParameters\..+?\}/g;

/** TrialTemplateMetaKeys. */
export const META_KEYS = ['Name', 'Namespace', 'Kind', 'APIVersion', 'Annotations', 'Labels'];

/** A reference to trial metadata, as `applyParameters` in generator.go parses it: `Name`, or `Labels` and its key. */
export interface MetaReference {
  readonly key: string;
  readonly index?: string;
}

/** The metadata reference `reference` makes (`${trialSpec.Labels[team]}`), found anywhere in it as Katib's unanchored regex does. */
export function metaReference(reference: string): MetaReference | undefined {
  const m = /\$\{trialSpec\.(.+?)\}/.exec(reference);
  if (!m) return undefined;
  const indexed = /(.+)\[(.+)]/.exec(m[1]);
  return indexed ? { key: indexed[1], index: indexed[2] } : { key: m[1] };
}

/** isMetaKey in validator.go: a reference the webhook accepts as trial metadata. */
export function isMetaKey(reference: string): boolean {
  const m = /\$\{trialSpec\.(.+?)\}/.exec(reference);
  if (!m) return false;
  if (META_KEYS.includes(m[1])) return true;
  const indexed = /(.+)\[(.+)]/.exec(m[1]);
  return !!indexed && META_KEYS.includes(indexed[1]);
}
