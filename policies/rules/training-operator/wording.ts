// Wording for the messages of the training-operator and trainer rules.
import { asObject, asString } from '../json';

/** `a, b or c`. */
export function oneOf(items: readonly string[], word = 'or'): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

/** The names of a container list, for messages: `"a", "b"`, or `none`. */
export function namesOf(containers: readonly unknown[]): string {
  const names = containers.map((c) => asString(asObject(c)?.name)).filter((n): n is string => !!n);
  return names.length ? names.map((n) => `"${n}"`).join(', ') : 'none';
}
