import { asArray, asObject, asStrings, Json } from '../json';

/**
 * Whether a label selector selects `labels`, as metav1.LabelSelectorAsSelector reads it: an
 * empty (or absent) selector selects everything; matchLabels and every matchExpression must hold.
 */
export function selects(selector: Json | undefined, labels: Readonly<Record<string, string>>): boolean {
  const matchLabels = asStrings(selector?.matchLabels);
  if (Object.entries(matchLabels).some(([k, v]) => labels[k] !== v)) return false;
  return asArray(selector?.matchExpressions).every((e) => {
    const x = asObject(e) ?? {};
    const k = String(x.key);
    const values = asArray(x.values).map(String);
    switch (x.operator) {
      case 'In': return k in labels && values.includes(labels[k]);
      case 'NotIn': return !(k in labels) || !values.includes(labels[k]);
      case 'Exists': return k in labels;
      case 'DoesNotExist': return !(k in labels);
      default: return false;
    }
  });
}

/** Whether a selector has no requirement at all (and so selects every pod). */
export function isEmptySelector(selector: Json | undefined): boolean {
  return Object.keys(asStrings(selector?.matchLabels)).length === 0 && asArray(selector?.matchExpressions).length === 0;
}
