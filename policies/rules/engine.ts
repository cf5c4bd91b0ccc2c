import { describeResource, Finding, Manifest, ManifestSource, PolicyConfig, Waiver } from '../../manifest';
import { activeRules } from './config';
import { appliesTo, Rule, RuleContext } from './rule';
import { today as currentDay, waiversOf } from './waivers';

export interface PolicyRunOptions {
  /** The rules to run. */
  readonly rules: readonly Rule<object>[];
  /** Which rules are on, at what severity, with which parameters. @default - the rules' defaults */
  readonly config?: PolicyConfig;
  /** Where the configuration comes from, for its findings (a file, or a stack). @default 'policy configuration' */
  readonly configSource?: string;
  /** The day waivers are compared with, `YYYY-MM-DD`. @default today (UTC) */
  readonly today?: string;
}

/** A finding not reported because the object waives its rule. */
export interface WaivedFinding {
  readonly finding: Finding;
  readonly waiver: Waiver;
}

export interface PolicyReport {
  readonly findings: Finding[];
  readonly waived: WaivedFinding[];
}

/**
 * Runs the configured rules over a set of objects (a stack, or the files validated). Each rule
 * sees every object of its kinds, and may look at the others; its violations become findings
 * naming file, object, path, rule and fix. An object's waivers (see waivers.ts) hold back the
 * findings of their rule until they expire; an expired or unreadable waiver is itself an error.
 */
export function runPolicies(all: readonly ManifestSource[], options: PolicyRunOptions): PolicyReport {
  // Objects without a usable apiVersion, kind and metadata are the schema check's to report.
  const sources = all.filter((s) => hasIdentity(s.object));
  const { active, findings } = activeRules(options.rules, options.config, options.configSource);
  const waived: WaivedFinding[] = [];
  const day = options.today ?? currentDay();
  const context = contextFor(sources);
  const ruleIds = new Set(options.rules.map((r) => r.id as string));
  for (const source of sources) {
    const object = source.object;
    const base = { file: source.file, resource: describeResource(object), construct: source.construct, line: source.line };
    const { waivers, problem } = waiversOf(object);
    if (problem) findings.push({ ...base, severity: 'error', rule: 'policy/waiver-invalid', path: '.metadata.annotations', message: `the waivers annotation ${problem}`, fix: 'write it as JSON: [{ "rule": "platform/image-pinned", "reason": "…", "expires": "2027-01-31" }]' });
    for (const w of waivers) {
      if (!ruleIds.has(w.rule)) findings.push({ ...base, severity: 'error', rule: 'policy/waiver-invalid', path: '.metadata.annotations', message: `waives "${w.rule}", which is not a rule`, fix: 'name a rule id from the rule table' });
      else if (w.expires < day) findings.push({ ...base, severity: 'error', rule: 'policy/waiver-expired', path: '.metadata.annotations', message: `the waiver of ${w.rule} expired on ${w.expires} ("${w.reason}")`, fix: `fix what ${w.rule} reports, or renew the waiver with a new expiry date` });
    }
    const templates = templatesIn(object);
    for (const { rule, severity, params } of active) {
      const targets = [{ at: '', target: object }, ...(rule.checksTemplates ? templates : [])].filter(({ target }) => appliesTo(rule, target));
      for (const { at, target } of targets) for (const v of rule.check(target, { ...context, params } as RuleContext<object>)) {
        const path = at && v.path === '.' ? at : at + v.path;
        const finding: Finding = { ...base, severity: v.severity ?? severity, rule: rule.id, path, message: v.message, fix: v.fix };
        const waiver = waivers.find((w) => w.rule === rule.id && w.expires >= day);
        if (waiver) waived.push({ finding, waiver });
        else findings.push(finding);
      }
    }
  }
  return { findings, waived };
}

/** apiVersion and kind are strings; metadata, when there, has string name and namespace and string maps of labels and annotations. */
function hasIdentity(o: Manifest): boolean {
  const isString = (v: unknown) => typeof v === 'string';
  const isStringMap = (v: unknown) => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isString));
  const m = o.metadata as unknown;
  if (!isString(o.apiVersion) || !isString(o.kind)) return false;
  if (m === undefined) return true;
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const { name, namespace, labels, annotations } = m as Record<string, unknown>;
  return (name === undefined || isString(name)) && (namespace === undefined || isString(namespace)) && isStringMap(labels) && isStringMap(annotations);
}

/** The objects `object` embeds as templates, with their JSON paths: a Katib Experiment's trial job. */
function templatesIn(object: Manifest): { at: string; target: Manifest }[] {
  if (object.kind !== 'Experiment' || !object.apiVersion.startsWith('kubeflow.org/')) return [];
  const spec = (object.spec as { trialTemplate?: { trialSpec?: unknown } } | undefined)?.trialTemplate?.trialSpec;
  const isManifest = (v: unknown): v is Manifest => typeof v === 'object' && v !== null && typeof (v as Manifest).apiVersion === 'string' && typeof (v as Manifest).kind === 'string';
  if (!isManifest(spec) || !hasIdentity(spec)) return [];
  // Katib creates the trial job in the experiment's namespace.
  return [{ at: '.spec.trialTemplate.trialSpec', target: { ...spec, metadata: { ...spec.metadata, namespace: object.metadata?.namespace } } }];
}

function contextFor(objects: readonly ManifestSource[]): Omit<RuleContext<object>, 'params'> {
  const byKind = new Map<string, ManifestSource[]>();
  for (const s of objects) {
    const group = s.object.apiVersion.includes('/') ? s.object.apiVersion.split('/')[0] : '';
    const key = `${group}/${s.object.kind}`;
    byKind.set(key, [...(byKind.get(key) ?? []), s]);
  }
  return {
    objects,
    objectsOf: (group, kind, namespace) => (byKind.get(`${group}/${kind}`) ?? []).filter((s) => namespace === undefined || s.object.metadata?.namespace === namespace),
  };
}
