import { asArray, asObject, asString, Json } from '../json';
import { Rule } from '../rule';
import { asAnyNumber } from './json';
import { RUNTIMES, SERVING_RUNTIME } from './kinds';

interface Entry {
  readonly name: string;
  readonly version?: string;
  readonly priority?: number;
}

export const runtimePriorityClash: Rule = {
  id: 'kserve/runtime-priority-clash',
  category: 'admission',
  severity: 'error',
  appliesTo: RUNTIMES,
  summary: 'Two enabled runtimes of one kind (ServingRuntimes of one namespace, or ClusterServingRuntimes), both single- or both multi-model and sharing a protocol, do not give one auto-selected model format and version the same priority.',
  why: 'KServe\'s webhook rejects the second ("same priority assigned for the model format …"): auto-selection between them would be a tie. Reported on the later of the two objects.',
  source: 'kserve/kserve pkg/webhook/admission/servingruntime/servingruntime_webhook.go validateServingRuntimePriority',
  *check(o, ctx) {
    const spec = asObject(o.spec) ?? {};
    if (spec.disabled === true) return;
    const index = ctx.objects.findIndex((s) => s.object === o);
    const namespace = o.kind === SERVING_RUNTIME.kind ? o.metadata?.namespace : undefined;
    const earlier = ctx.objectsOf(SERVING_RUNTIME.group, o.kind, namespace)
      .filter((s) => s.object !== o && ctx.objects.indexOf(s) < index && s.object.metadata?.name !== o.metadata?.name);
    for (const other of earlier) {
      const clash = clashOf(spec, asObject(other.object.spec) ?? {});
      if (!clash) continue;
      yield {
        path: '.spec.supportedModelFormats',
        message: `same priority assigned for the model format ${clash.name} in the ${o.kind.toLowerCase()}s ${other.object.metadata?.name} and ${o.metadata?.name}${namespace ? ` in namespace ${namespace}` : ''} (priority ${clash.priority})`,
        fix: 'give one of them another priority, so that KServe\'s auto-selection is not a tie',
      };
    }
  },
};

/** The first format both auto-select with one version and one priority, when the two runtimes compete. */
function clashOf(mine: Json, theirs: Json): Entry | undefined {
  if ((mine.multiModel === true) !== (theirs.multiModel === true) || theirs.disabled === true) return undefined;
  const protocols = (s: Json) => asArray(s.protocolVersions).filter((p): p is string => typeof p === 'string');
  if (!protocols(theirs).some((p) => protocols(mine).includes(p))) return undefined;
  const entries = (s: Json): Entry[] => asArray(s.supportedModelFormats).flatMap((f) => {
    const e = asObject(f);
    const name = asString(e?.name);
    return name !== undefined && e?.autoSelect === true ? [{ name, version: asString(e.version), priority: asAnyNumber(e.priority) }] : [];
  });
  for (const t of entries(theirs)) {
    const m = entries(mine).find((x) => x.name.toLowerCase() === t.name.toLowerCase() && x.version === t.version && x.priority !== undefined && x.priority === t.priority);
    if (m) return m;
  }
  return undefined;
}

