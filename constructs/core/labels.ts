import { IConstruct } from 'constructs';
import { LABELS } from '../../manifest';
import { fail } from './errors';

/** The per-object standard labels: what the object is (`name`), which one (`instance`), its role (`component`). @internal */
export function standardLabels(name: string, instance: string, component: string): Record<string, string> {
  return { [LABELS.name]: name, [LABELS.instance]: instance, [LABELS.component]: component };
}

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The longest label value (and label/annotation name part) Kubernetes accepts. @internal */
export const MAX_LABEL_VALUE = 63;

/** Checks label or annotation keys (`[prefix/]name`) and, for labels, values, as the API server would. @internal */
export function checkMetadataMap(scope: IConstruct, field: string, map: Record<string, string> | undefined, kind: 'labels' | 'annotations'): void {
  for (const [key, value] of Object.entries(map ?? {})) {
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = key.slice(slash + 1);
    if ((prefix !== undefined && (!PREFIX.test(prefix) || prefix.length > 253)) || !NAME_PART.test(name) || name.length > MAX_LABEL_VALUE) {
      fail(scope, `${field}.${key}`, `"${key}" is not a valid ${kind === 'labels' ? 'label' : 'annotation'} key`,
        'use an optional DNS-subdomain prefix and "/", then up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit');
    }
    if (kind === 'labels' && (value.length > MAX_LABEL_VALUE || (value !== '' && !NAME_PART.test(value)))) {
      fail(scope, `${field}.${key}`, `label value "${value}" is not valid`, 'use at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit');
    }
  }
}
