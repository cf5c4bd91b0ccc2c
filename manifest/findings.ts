/** How bad a finding is: errors fail a command, warnings only with `--fail-on warning`. */
export type Severity = 'error' | 'warning';

/** Where a rule comes from: the first segment of its id, and what it covers (for reports and docs). */
export const RULE_DOMAINS = {
  'app': 'the app module threw',
  'cel': 'a CEL rule (x-kubernetes-validations) of the upstream schema',
  'construct': "a construct's own check of its props",
  'identity': 'two objects of a stack are the same object',
  'katib': "Katib's webhooks and suggestion services",
  'kserve': "KServe's webhooks and controllers",
  'kubeflow': "Kubeflow's notebook, profile and PodDefault components",
  'load': 'a file could not be read or parsed',
  'pipelines': "Kubeflow Pipelines: the pipeline IR kfp compiles (a PipelineSpec document, or a PipelineVersion's spec.pipelineSpec)",
  'platform': 'platform-wide policies, most of them off until the platform team configures them',
  'policy': 'the policy configuration itself (e.g. an expired waiver)',
  'schema': 'the upstream API schema',
  'server': "the API server's dry run",
  'trainer': 'Kubeflow Trainer v2 (TrainJob, runtimes)',
  'training-operator': "Kubeflow Trainer v1 (the training operator's jobs)",
  'write': 'the output could not be written',
} as const;

export type RuleDomain = keyof typeof RULE_DOMAINS;

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
  /** The construct that made the object, when synth made it (e.g. `dev/Lab`). */
  readonly construct?: string;
  /** 1-based line in `file` where the object (or the field) is, when known. */
  readonly line?: number;
}

/** Renders a finding on one line (plus a fix line): the text format of every command. */
export function formatFinding(f: Finding): string {
  const where = [f.construct ?? (f.file && f.line ? `${f.file}:${f.line}` : f.file), f.resource, f.path].filter(Boolean).join(': ');
  return `${f.severity}: ${where}: ${f.message} [${f.rule}]${f.fix ? `\n  fix: ${f.fix}` : ''}`;
}
