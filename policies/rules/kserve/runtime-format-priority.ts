import { asArray, asObject, asString, path } from '../json';
import { Rule } from '../rule';
import { asAnyNumber } from './json';
import { RUNTIMES } from './kinds';

export const runtimeFormatPriority: Rule = {
  id: 'kserve/runtime-format-priority',
  category: 'admission',
  severity: 'error',
  appliesTo: RUNTIMES,
  summary: 'Within one ServingRuntime or ClusterServingRuntime, the auto-selected versions of one model format name have one priority.',
  why: 'KServe\'s webhook rejects the runtime ("different priorities assigned for the model format …"): auto-selection ranks runtimes by one priority per format. (KServe checks it while comparing with the other runtimes of the namespace, so a namespace\'s first ServingRuntime escapes it.)',
  source: 'kserve/kserve pkg/webhook/admission/servingruntime/servingruntime_webhook.go validateModelFormatPrioritySame',
  *check(o) {
    const first = new Map<string, { priority?: number; index: number }>();
    const formats = asArray(asObject(o.spec)?.supportedModelFormats);
    for (let i = 0; i < formats.length; i++) {
      const f = asObject(formats[i]) ?? {};
      const name = asString(f.name);
      if (name === undefined || f.autoSelect !== true) continue;
      const priority = asAnyNumber(f.priority);
      const seen = first.get(name);
      if (!seen) {
        first.set(name, { priority, index: i });
      } else if (seen.priority !== undefined && priority !== undefined && seen.priority !== priority) {
        yield {
          path: path('spec', 'supportedModelFormats', i, 'priority'),
          message: `different priorities assigned for the model format ${name} (${seen.priority} at supportedModelFormats[${seen.index}], ${priority} here)`,
          fix: 'give every auto-selected version of one format the same priority',
        };
      }
    }
  },
};
