/** A plain Kubernetes object as read from YAML or produced by synth. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** A manifest and the file it lives in (when it came from, or goes to, a file). */
export interface ManifestSource {
  readonly file?: string;
  readonly object: Manifest;
}

export type Severity = 'error' | 'warning';

/** One problem found in one manifest: where it is, what is wrong, and how to fix it. */
export interface Finding {
  readonly severity: Severity;
  /** Rule id, e.g. `schema`, `schema/unknown-kind`, `identity/duplicate`. */
  readonly rule: string;
  readonly file?: string;
  /** `apiVersion Kind namespace/name` of the offending object. */
  readonly resource: string;
  /** JSON path into the object, e.g. `.spec.template.spec.containers[0].image`; `.` for the whole object. */
  readonly path: string;
  readonly message: string;
  readonly fix?: string;
}

/** `apiVersion Kind namespace/name`, the way every report names an object. */
export function describeResource(m: Manifest): string {
  const name = m.metadata?.name ?? '<unnamed>';
  const ns = m.metadata?.namespace;
  return `${m.apiVersion} ${m.kind} ${ns ? `${ns}/` : ''}${name}`;
}

/** Renders a finding on one line (plus a fix line), the format shared by synth, validate and the CLI. */
export function formatFinding(f: Finding): string {
  const where = [f.file, f.resource, f.path].filter(Boolean).join(': ');
  return `${f.severity}: ${where}: ${f.message} [${f.rule}]${f.fix ? `\n  fix: ${f.fix}` : ''}`;
}
