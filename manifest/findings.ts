/** How bad a finding is: errors fail a command, warnings only with `--fail-on warning`. */
export type Severity = 'error' | 'warning';

/** Where a rule comes from: the first segment of its id. */
export type RuleDomain =
  | 'app' // the app module threw
  | 'construct' // a construct's own check of its props
  | 'identity' // two objects of a stack are the same object
  | 'load' // a file could not be read or parsed
  | 'schema' // the upstream API schema
  | 'server' // the API server's dry run
  | 'write'; // the output could not be written

/** A rule id: `<domain>` or `<domain>/<name>`, e.g. `schema/unknown-kind`. */
export type RuleId = RuleDomain | `${RuleDomain}/${string}`;

/** One problem found in one manifest (or construct): where it is, what is wrong, and how to fix it. */
export interface Finding {
  readonly severity: Severity;
  readonly rule: RuleId;
  /** The file the object came from or goes to. */
  readonly file?: string;
  /** `apiVersion Kind namespace/name` of the offending object, or the construct path. */
  readonly resource: string;
  /** JSON path into the object (`.spec.template.spec.containers[0].image`; `.` for the whole object), or the prop. */
  readonly path: string;
  readonly message: string;
  readonly fix?: string;
}

/** Renders a finding on one line (plus a fix line): the text format of every command. */
export function formatFinding(f: Finding): string {
  const where = [f.file, f.resource, f.path].filter(Boolean).join(': ');
  return `${f.severity}: ${where}: ${f.message} [${f.rule}]${f.fix ? `\n  fix: ${f.fix}` : ''}`;
}
