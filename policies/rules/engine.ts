import { ANNOTATIONS, describeResource, Finding, Manifest, ManifestSource, PolicyConfig, Severity, Waiver } from '../../manifest';
import { describeDocument, documentTypeOf } from '../kfp-documents';
import { activeRules } from './config';
import { appliesTo, kindOf, Rule, RuleContext, Violation } from './rule';
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
  // Objects without a usable apiVersion, kind and metadata are the schema check's to report;
  // the documents kfp writes (pipeline IR) have neither, and rules of their own.
  const sources = all.filter((s) => hasIdentity(s.object) || documentTypeOf(s.object) !== undefined);
  const { active, findings } = activeRules(options.rules, options.config, options.configSource);
  const waived: WaivedFinding[] = [];
  const day = options.today ?? currentDay();
  const context = contextFor(sources);
  const ruleIds = new Set(options.rules.map((r) => r.id as string));
  // The rules of each apiVersion and kind, found once: a set has few kinds and many objects.
  const byKind = new Map<string, { rule: Rule<object>; severity: Severity; context: RuleContext<object> }[]>();
  const rulesFor = (o: Manifest) => {
    const { group, version, kind } = kindOf(o);
    const key = `${group}/${version}/${kind}`;
    let list = byKind.get(key);
    if (!list) byKind.set(key, (list = active.filter(({ rule }) => appliesTo(rule, o)).map(({ rule, severity, params }) => ({ rule, severity, context: { ...context, params } }))));
    return list;
  };
  for (const source of sources) {
    const object = source.object;
    const base = { file: source.file, resource: describeObject(object), construct: source.construct, line: source.line };
    const { waivers, problem } = waiversOf(object);
    const at = `.metadata.annotations["${ANNOTATIONS.waivers}"]`;
    if (problem) findings.push({ ...base, severity: 'error', rule: 'policy/waiver-invalid', path: at, message: `${problem}, so nothing is waived`, fix: 'write a JSON list of { "rule": "<rule id>", "reason": "<why>", "expires": "YYYY-MM-DD" }' });
    for (const w of waivers) {
      if (!ruleIds.has(w.rule)) findings.push({ ...base, severity: 'error', rule: 'policy/waiver-invalid', path: at, message: `waives "${w.rule}", which is not a rule`, fix: 'name a rule id from the rule table' });
      else if (w.expires < day) findings.push({ ...base, severity: 'error', rule: 'policy/waiver-expired', path: at, message: `the waiver of ${w.rule} expired on ${w.expires} ("${w.reason}")`, fix: `fix what ${w.rule} reports, or renew the waiver with a new expiry date` });
    }
    const targets = [{ at: '', target: object }, ...templatesIn(object)];
    for (const { at, target } of targets) {
      for (const { rule, severity, context: ruleContext } of rulesFor(target)) {
        if (at && !rule.checksTemplates) continue;
        for (const v of checked(rule, target, ruleContext)) {
          const path = at && v.path === '.' ? at : at + v.path;
          const finding: Finding = { ...base, severity: v.severity ?? severity, rule: rule.id, path, message: v.message, fix: v.fix };
          const waiver = waivers.find((w) => w.rule === rule.id && w.expires >= day);
          if (waiver) waived.push({ finding, waiver });
          else findings.push(finding);
        }
      }
    }
  }
  return { findings, waived };
}

/**
 * A rule's violations; a rule that throws (a bug: rules read any shape of object) becomes one
 * violation saying so, never a crash that would lose every other finding.
 */
function checked(rule: Rule<object>, object: Manifest, context: RuleContext<object>): Violation[] {
  try {
    return [...rule.check(object, context)];
  } catch (e) {
    return [{
      path: '.', severity: 'error', message: `the rule failed on this object (${e instanceof Error ? e.message : String(e)}), so it is not checked`,
      fix: 'this is a bug in cdk8s-kubeflow: please report it with the object; waive the rule for this object meanwhile',
    }];
  }
}

/** `apiVersion Kind namespace/name`, or for a document kfp writes `PipelineSpec <pipeline name>`. */
function describeObject(object: Manifest): string {
  const document = documentTypeOf(object);
  return document ? describeDocument(object, document) : describeResource(object);
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
  // Indexed once by kind, and by kind and namespace: rules ask per object, so a scan would be quadratic.
  const index = new Map<string, ManifestSource[]>();
  const names = new Map<string, ManifestSource>();
  const add = (key: string, s: ManifestSource) => {
    const list = index.get(key);
    if (list) list.push(s);
    else index.set(key, [s]);
  };
  for (const s of objects) {
    const { group, kind } = kindOf(s.object);
    const key = `${group}/${kind}`;
    add(key, s);
    const namespace = s.object.metadata?.namespace;
    if (namespace !== undefined) {
      add(`${key}/${namespace}`, s);
      add(`\0${namespace}`, s);
    }
    // The first of a name wins, as a duplicate is reported elsewhere.
    const named = `${key}\0${s.object.metadata?.name}\0${namespace ?? ''}`;
    if (!names.has(named)) names.set(named, s);
  }
  const memos = new Map<string, unknown>();
  return {
    objects,
    objectsOf: (group, kind, namespace) => index.get(namespace === undefined ? `${group}/${kind}` : `${group}/${kind}/${namespace}`) ?? [],
    objectNamed: (group, kind, name, namespace) => names.get(`${group}/${kind}\0${name}\0${namespace ?? ''}`),
    objectsIn: (namespace) => index.get(`\0${namespace}`) ?? [],
    memo: <T>(key: string, compute: () => T): T => {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
  };
}
