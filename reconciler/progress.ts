/**
 * ML progress per kind: what an ML engineer wants to know beyond healthy/not, read from the
 * controllers' own status formats so nobody has to. API:
 *
 * - `progressOf(obj)` → a `Progress` (a plain JSON object, `type` names its shape) or undefined
 *   for kinds without one:
 *   - `Job` (training-operator v1: PyTorchJob, TFJob, MPIJob, XGBoostJob, PaddleJob, JAXJob):
 *     phase from the conditions, active/succeeded/failed per replica role, start/completion
 *     time. (v1 records no restart count; a restart shows as phase `Restarting`.)
 *   - `TrainJob` (trainer v1alpha1): phase, and per child job active/ready/succeeded/failed/suspended.
 *   - `Experiment` (Katib): phase, trial counts, and the best trial with its parameters and
 *     objective value (per the objective's metric strategy).
 *   - `InferenceService` (KServe): ready, URL, per component the latest ready/created revision
 *     and the traffic split, and the canary (percent, revision, previous revision) while one runs.
 *   - `Notebook`: Running, Stopped or Starting, readyReplicas, the reason a container waits.
 *   - `PipelineVersion`: ready, the state Kubeflow Pipelines recorded, the pipeline.
 * - `PROGRESS_FIELDS` → per extractor, the fields it reads (slim.ts keeps them in the cache).
 */
import { groupOf, Manifest } from '../manifest';
import type { Field } from './slim';

export type JobPhase = 'Pending' | 'Created' | 'Running' | 'Restarting' | 'Succeeded' | 'Failed' | 'Suspended';
export type ReplicaCounts = { active: number; succeeded: number; failed: number };
export type JobProgress = {
  type: 'Job';
  phase: JobPhase;
  /** Per replica role (Master, Worker, Launcher, …). */
  replicas: Record<string, ReplicaCounts>;
  startTime?: string;
  completionTime?: string;
};

export type TrainJobPhase = 'Pending' | 'Running' | 'Suspended' | 'Complete' | 'Failed';
export type ChildJobCounts = { active: number; ready: number; succeeded: number; failed: number; suspended: number };
export type TrainJobProgress = { type: 'TrainJob'; phase: TrainJobPhase; jobs: Record<string, ChildJobCounts> };

export type ExperimentPhase = 'Pending' | 'Created' | 'Running' | 'Restarting' | 'Succeeded' | 'Failed';
export type BestTrial = {
  trial: string;
  /** Hyperparameter name → value, as Katib assigned them. */
  parameters: Record<string, string>;
  /** The objective metric's value by the objective's strategy (max when maximizing, min when minimizing, unless set). */
  objective?: { metric: string; value: number | string };
};
export type ExperimentProgress = {
  type: 'Experiment';
  phase: ExperimentPhase;
  trials: number;
  running: number;
  succeeded: number;
  failed: number;
  earlyStopped: number;
  maxTrials?: number;
  best?: BestTrial;
};

export type TrafficTarget = { revision: string; percent: number; latest?: boolean; tag?: string };
export type ComponentProgress = { latestReadyRevision?: string; latestCreatedRevision?: string; traffic?: TrafficTarget[] };
export type InferenceServiceProgress = {
  type: 'InferenceService';
  ready: boolean;
  stopped?: boolean;
  url?: string;
  /** predictor, transformer, explainer. */
  components: Record<string, ComponentProgress>;
  /** While the predictor's newest revision takes only part of the traffic. */
  canary?: { percent: number; revision: string; previous?: string };
};

export type NotebookProgress = { type: 'Notebook'; state: 'Running' | 'Stopped' | 'Starting'; readyReplicas: number; waiting?: string };
export type PipelineVersionProgress = { type: 'PipelineVersion'; ready: boolean; state: string; pipeline?: string };

export type Progress = JobProgress | TrainJobProgress | ExperimentProgress | InferenceServiceProgress | NotebookProgress | PipelineVersionProgress;
export type ProgressType = Progress['type'];

const V1_JOBS = new Set(['PyTorchJob', 'TFJob', 'MPIJob', 'XGBoostJob', 'PaddleJob', 'JAXJob']);

/** Which extractor reads objects of `obj`'s kind, if any. */
export function progressKey(obj: Pick<Manifest, 'apiVersion' | 'kind'>): ProgressType | undefined {
  const group = groupOf(typeof obj.apiVersion === 'string' ? obj.apiVersion : '');
  if (group === 'kubeflow.org') {
    if (V1_JOBS.has(obj.kind)) return 'Job';
    if (obj.kind === 'Experiment' || obj.kind === 'Notebook') return obj.kind;
  }
  if (group === 'trainer.kubeflow.org' && obj.kind === 'TrainJob') return 'TrainJob';
  if (group === 'serving.kserve.io' && obj.kind === 'InferenceService') return 'InferenceService';
  if (group === 'pipelines.kubeflow.org' && obj.kind === 'PipelineVersion') return 'PipelineVersion';
  return undefined;
}

const STOPPED_NOTEBOOK = 'kubeflow-resource-stopped';
const STOP_ISVC = 'serving.kserve.io/stop';

const f = (dotted: string | readonly string[], use: Field['use'] = 'scalar'): Field => ({ path: typeof dotted === 'string' ? dotted.split('.') : dotted, use });
const CONDITIONS = f('status.conditions', 'conditions');

/** The fields each extractor reads; slim.ts keeps exactly these (plus the health models'). */
export const PROGRESS_FIELDS: Readonly<Record<ProgressType, readonly Field[]>> = {
  Job: [CONDITIONS, f('status.replicaStatuses', 'counts'), f('status.startTime'), f('status.completionTime')],
  TrainJob: [CONDITIONS, f('status.jobsStatus', 'tree')],
  Experiment: [
    CONDITIONS,
    ...['trials', 'trialsRunning', 'trialsSucceeded', 'trialsFailed', 'trialsEarlyStopped'].map((k) => f(`status.${k}`)),
    f('status.currentOptimalTrial', 'tree'),
    f('spec.maxTrialCount'), f('spec.objective.objectiveMetricName'), f('spec.objective.type'), f('spec.objective.metricStrategies', 'tree'),
  ],
  InferenceService: [CONDITIONS, f('status.url'), f('status.components', 'tree'), f('spec.predictor.canaryTrafficPercent'), f(['metadata', 'annotations', STOP_ISVC])],
  Notebook: [f(['metadata', 'annotations', STOPPED_NOTEBOOK], 'present'), f('status.readyReplicas'), f('status.containerState.waiting.reason')],
  PipelineVersion: [CONDITIONS, f('spec.pipelineName')],
};

// ---------------------------------------------------------------------------------------------
// Reading plain objects defensively: a field of the wrong type reads as absent.

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

function get(obj: unknown, dotted: string | readonly string[]): unknown {
  let cur = obj;
  for (const key of typeof dotted === 'string' ? dotted.split('.') : dotted) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur ?? undefined;
}
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const count = (v: unknown): number => num(v) ?? 0;

/** Drops undefined values: progress is JSON written into the Inventory's status. */
function compact<T extends Rec>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Whether the last condition of `type` (as health/ finds it) is True. */
function isTrue(obj: unknown, type: string): boolean {
  const list = get(obj, 'status.conditions');
  if (!Array.isArray(list)) return false;
  let found: Rec | undefined;
  for (const c of list) if (isRecord(c) && c.type === type) found = c;
  return found?.status === 'True';
}

/** The first of `order` whose condition is True (the order health/ decides in), else `otherwise`. */
function phaseOf<P extends string>(obj: unknown, order: readonly P[], otherwise: P): P {
  return order.find((t) => isTrue(obj, t)) ?? otherwise;
}

function entries(v: unknown): [string, Rec][] {
  return isRecord(v) ? Object.entries(v).filter((e): e is [string, Rec] => isRecord(e[1])).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
}

// ---------------------------------------------------------------------------------------------

function jobProgress(obj: Manifest): JobProgress {
  const replicas = Object.fromEntries(entries(get(obj, 'status.replicaStatuses')).map(([role, s]) => [role, { active: count(s.active), succeeded: count(s.succeeded), failed: count(s.failed) }]));
  return compact({
    type: 'Job' as const,
    phase: phaseOf<JobPhase>(obj, ['Failed', 'Succeeded', 'Suspended', 'Restarting', 'Running', 'Created'], 'Pending'),
    replicas,
    startTime: str(get(obj, 'status.startTime')),
    completionTime: str(get(obj, 'status.completionTime')),
  });
}

function trainJobProgress(obj: Manifest): TrainJobProgress {
  const list = get(obj, 'status.jobsStatus');
  const jobs: Record<string, ChildJobCounts> = {};
  for (const j of Array.isArray(list) ? list : []) {
    if (!isRecord(j) || typeof j.name !== 'string') continue;
    jobs[j.name] = { active: count(j.active), ready: count(j.ready), succeeded: count(j.succeeded), failed: count(j.failed), suspended: count(j.suspended) };
  }
  const sorted = Object.fromEntries(Object.entries(jobs).sort(([a], [b]) => (a < b ? -1 : 1)));
  const running = Object.values(jobs).some((j) => j.active > 0);
  return { type: 'TrainJob', phase: phaseOf<TrainJobPhase>(obj, ['Failed', 'Complete', 'Suspended'], running ? 'Running' : 'Pending'), jobs: sorted };
}

/** Katib's value of a metric: a number when it parses as one ("0.9712"), else Katib's text (e.g. "unavailable"). */
function metricValue(v: unknown): number | string | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

function bestTrial(obj: Manifest): BestTrial | undefined {
  const best = get(obj, 'status.currentOptimalTrial');
  const trial = str(get(best, 'bestTrialName'));
  if (!trial) return undefined;
  const assignments = get(best, 'parameterAssignments');
  const parameters: Record<string, string> = {};
  for (const a of Array.isArray(assignments) ? assignments : []) if (isRecord(a) && typeof a.name === 'string' && a.value !== undefined && a.value !== null) parameters[a.name] = String(a.value);
  const metric = str(get(obj, 'spec.objective.objectiveMetricName'));
  const metrics = get(best, 'observation.metrics');
  const observed = metric && Array.isArray(metrics) ? metrics.find((m): m is Rec => isRecord(m) && m.name === metric) : undefined;
  // Katib's objective strategy: metricStrategies' entry for the objective metric, else by the objective type.
  const strategies = get(obj, 'spec.objective.metricStrategies');
  const set = Array.isArray(strategies) ? strategies.find((s): s is Rec => isRecord(s) && s.name === metric) : undefined;
  const strategy = str(set?.value) ?? (get(obj, 'spec.objective.type') === 'minimize' ? 'min' : 'max');
  const value = observed ? metricValue(observed[strategy]) : undefined;
  return compact({ trial, parameters: Object.fromEntries(Object.entries(parameters).sort(([a], [b]) => (a < b ? -1 : 1))), objective: metric && value !== undefined ? { metric, value } : undefined });
}

function experimentProgress(obj: Manifest): ExperimentProgress {
  return compact({
    type: 'Experiment' as const,
    phase: phaseOf<ExperimentPhase>(obj, ['Failed', 'Succeeded', 'Restarting', 'Running', 'Created'], 'Pending'),
    trials: count(get(obj, 'status.trials')),
    running: count(get(obj, 'status.trialsRunning')),
    succeeded: count(get(obj, 'status.trialsSucceeded')),
    failed: count(get(obj, 'status.trialsFailed')),
    earlyStopped: count(get(obj, 'status.trialsEarlyStopped')),
    maxTrials: num(get(obj, 'spec.maxTrialCount')),
    best: bestTrial(obj),
  });
}

function trafficOf(v: unknown): TrafficTarget[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter(isRecord).filter((t) => typeof t.revisionName === 'string').map((t) => compact({
    revision: t.revisionName as string,
    percent: count(t.percent),
    latest: typeof t.latestRevision === 'boolean' ? t.latestRevision : undefined,
    tag: str(t.tag),
  }));
}

function inferenceServiceProgress(obj: Manifest): InferenceServiceProgress {
  const components = Object.fromEntries(entries(get(obj, 'status.components')).map(([name, c]) => [name, compact({
    latestReadyRevision: str(c.latestReadyRevision),
    latestCreatedRevision: str(c.latestCreatedRevision),
    traffic: trafficOf(c.traffic),
  })]));
  const stopped = get(obj, ['metadata', 'annotations', STOP_ISVC]) === 'true' || isTrue(obj, 'Stopped');
  return compact({
    type: 'InferenceService' as const,
    ready: !stopped && isTrue(obj, 'Ready'),
    stopped: stopped || undefined,
    url: str(get(obj, 'status.url')),
    components,
    canary: canaryOf(obj),
  });
}

/**
 * The canary of the predictor: from the live traffic split when there is one (the latest
 * revision's share below 100), else as health/ sees it (spec percent below 100 and the latest
 * ready revision not yet rolled out) — raw deployments report no traffic.
 */
function canaryOf(obj: Manifest): InferenceServiceProgress['canary'] {
  const predictor = get(obj, 'status.components.predictor');
  const traffic = trafficOf(get(predictor, 'traffic')) ?? [];
  const latest = traffic.find((t) => t.latest);
  if (latest && latest.percent < 100 && traffic.length > 1) {
    const previous = traffic.filter((t) => t !== latest).sort((a, b) => b.percent - a.percent)[0];
    return compact({ percent: latest.percent, revision: latest.revision, previous: previous?.revision });
  }
  if (traffic.length) return undefined;
  const percent = num(get(obj, 'spec.predictor.canaryTrafficPercent'));
  const ready = str(get(predictor, 'latestReadyRevision'));
  const rolledOut = str(get(predictor, 'latestRolledoutRevision'));
  if (percent === undefined || percent >= 100 || !ready || !rolledOut || ready === rolledOut) return undefined;
  return { percent, revision: ready, previous: rolledOut };
}

function notebookProgress(obj: Manifest): NotebookProgress {
  const readyReplicas = count(get(obj, 'status.readyReplicas'));
  const stopped = get(obj, ['metadata', 'annotations', STOPPED_NOTEBOOK]) !== undefined;
  return compact({
    type: 'Notebook' as const,
    state: stopped ? 'Stopped' as const : readyReplicas >= 1 ? 'Running' as const : 'Starting' as const,
    readyReplicas,
    waiting: str(get(obj, 'status.containerState.waiting.reason')),
  });
}

function pipelineVersionProgress(obj: Manifest): PipelineVersionProgress {
  const list = get(obj, 'status.conditions');
  // KFP records a state only for versions created through its API; one applied from git has none
  // and is usable once stored (as its health model says).
  let state = 'STORED';
  for (const c of Array.isArray(list) ? list : []) if (isRecord(c) && c.type === 'PipelineVersionStatus' && typeof c.reason === 'string' && c.reason) state = c.reason;
  return compact({ type: 'PipelineVersion' as const, ready: state === 'READY' || state === 'STORED', state, pipeline: str(get(obj, 'spec.pipelineName')) });
}

const EXTRACTORS: Record<ProgressType, (obj: Manifest) => Progress> = {
  Job: jobProgress,
  TrainJob: trainJobProgress,
  Experiment: experimentProgress,
  InferenceService: inferenceServiceProgress,
  Notebook: notebookProgress,
  PipelineVersion: pipelineVersionProgress,
};

/** The ML progress of a live (or slim) object, or undefined for kinds without one. Never throws. */
export function progressOf(obj: Manifest): Progress | undefined {
  const key = progressKey(obj);
  return key ? EXTRACTORS[key](obj) : undefined;
}

/** One line for tables (`status`): `Running · Worker 3/4 active`, `12/20 trials · best t-x accuracy=0.97`, … */
export function describeProgress(p: Progress): string {
  switch (p.type) {
    case 'Job': {
      const roles = Object.entries(p.replicas).map(([role, r]) => `${role} ${r.active} active${r.succeeded ? ` ${r.succeeded} succeeded` : ''}${r.failed ? ` ${r.failed} failed` : ''}`);
      return [p.phase, ...roles].join(' · ');
    }
    case 'TrainJob': {
      const jobs = Object.entries(p.jobs).map(([name, j]) => `${name} ${j.active} active${j.succeeded ? ` ${j.succeeded} succeeded` : ''}${j.failed ? ` ${j.failed} failed` : ''}`);
      return [p.phase, ...jobs].join(' · ');
    }
    case 'Experiment': {
      const parts = [p.phase, `${p.succeeded}${p.maxTrials !== undefined ? `/${p.maxTrials}` : ''} trials succeeded`];
      if (p.running) parts.push(`${p.running} running`);
      if (p.failed) parts.push(`${p.failed} failed`);
      if (p.earlyStopped) parts.push(`${p.earlyStopped} early-stopped`);
      if (p.best) parts.push(`best ${p.best.trial}${p.best.objective ? ` ${p.best.objective.metric}=${p.best.objective.value}` : ''}`);
      return parts.join(' · ');
    }
    case 'InferenceService': {
      const parts = [p.stopped ? 'Stopped' : p.ready ? 'Ready' : 'NotReady'];
      if (p.url) parts.push(p.url);
      if (p.canary) parts.push(`canary ${p.canary.percent}% → ${p.canary.revision}`);
      return parts.join(' · ');
    }
    case 'Notebook':
      return [p.state, ...(p.waiting ? [p.waiting] : [])].join(' · ');
    case 'PipelineVersion':
      return p.state;
  }
}
