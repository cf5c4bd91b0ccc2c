import { IConstruct } from 'constructs';
import { checkName, fail, NameRule, resourceName, suggestName } from '../core';

/**
 * The name of a job whose controller names its children after it, and the longest name it may
 * have (`maxLength`): `explicit`, else derived from the construct id, a DNS-1035 label (the
 * operators' webhooks require one) short enough that the longest child name,
 * `<name><longestSuffix>`, fits in 63 characters. `deriver` says, for the error, who derives
 * that name (e.g. "JobSet derives the name").
 * @internal
 */
export function jobName(scope: IConstruct, explicit: string | undefined, longestSuffix: string, deriver: string): { name: string; maxLength: number } {
  const maxLength = 63 - longestSuffix.length;
  if (explicit === undefined) return { name: resourceName(scope, undefined, NameRule.LABEL_1035, maxLength), maxLength };
  checkName(scope, 'name', explicit, NameRule.LABEL_1035);
  if (explicit.length > maxLength) {
    const longest = `${explicit}${longestSuffix}`;
    fail(scope, 'name', `"${explicit}" is too long: ${deriver} "${longest}" (${longest.length} characters), and at most 63 are allowed`,
      `shorten the name to at most ${maxLength} characters, e.g. "${suggestName(explicit, maxLength)}"`);
  }
  return { name: explicit, maxLength };
}
