import { ANNOTATIONS, Manifest, Waiver } from '../../manifest';

/** The waivers of an object (its `cdk8s-kubeflow.io/waivers` annotation), or why they cannot be read. */
export function waiversOf(object: Manifest): { waivers: Waiver[]; problem?: string } {
  const text = object.metadata?.annotations?.[ANNOTATIONS.waivers];
  if (text === undefined) return { waivers: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { waivers: [], problem: `the waivers annotation is not JSON (${(e as Error).message})` };
  }
  const list = Array.isArray(value) ? value : [value];
  const waivers: Waiver[] = [];
  for (const [i, w] of list.entries()) {
    const wrong = waiverProblem(w);
    if (wrong) return { waivers: [], problem: `${list.length > 1 ? `waiver ${i + 1}` : 'the waiver'} ${wrong}` };
    waivers.push({ rule: w.rule, reason: w.reason, expires: w.expires });
  }
  return { waivers };
}

/** What is wrong with one waiver, or undefined. */
function waiverProblem(w: unknown): string | undefined {
  if (!w || typeof w !== 'object' || Array.isArray(w)) return `is ${JSON.stringify(w)}, not { "rule", "reason", "expires" }`;
  const { rule, reason, expires } = w as Record<string, unknown>;
  if (typeof rule !== 'string' || rule === '') return 'names no rule ("rule": "<rule id>")';
  if (typeof reason !== 'string' || reason.trim() === '') return `of ${rule} gives no reason ("reason": why the object may break it)`;
  if (typeof expires !== 'string') return `of ${rule} has no expiry date ("expires": "YYYY-MM-DD", the last day it holds)`;
  if (!isDate(expires)) return `of ${rule} expires on "${expires}", which is not a date YYYY-MM-DD`;
  return undefined;
}

function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

/** Today as `YYYY-MM-DD` (UTC), the date waivers are compared with. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
