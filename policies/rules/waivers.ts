import { ANNOTATIONS, Manifest, Waiver } from '../../manifest';

/** The waivers of an object (its `cdk8s-kubeflow.io/waivers` annotation), or why they cannot be read. */
export function waiversOf(object: Manifest): { waivers: Waiver[]; problem?: string } {
  const text = object.metadata?.annotations?.[ANNOTATIONS.waivers];
  if (text === undefined) return { waivers: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { waivers: [], problem: `is not JSON: ${(e as Error).message}` };
  }
  const list = Array.isArray(value) ? value : [value];
  const waivers: Waiver[] = [];
  for (const w of list) {
    const ok = w && typeof w === 'object' && typeof w.rule === 'string' && typeof w.reason === 'string' && w.reason.trim() !== ''
      && typeof w.expires === 'string' && isDate(w.expires);
    if (!ok) return { waivers: [], problem: `holds ${JSON.stringify(w)}; each waiver is { "rule": "<rule id>", "reason": "<why>", "expires": "YYYY-MM-DD" }` };
    waivers.push({ rule: w.rule, reason: w.reason, expires: w.expires });
  }
  return { waivers };
}

function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

/** Today as `YYYY-MM-DD` (UTC), the date waivers are compared with. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
