import { asObject, path } from '../json';
import { Rule } from '../rule';
import { componentsOf } from './components';
import { INFERENCE_SERVICE } from './kinds';

const MODES = ['all', 'request', 'response'];

export const logger: Rule = {
  id: 'kserve/logger',
  category: 'admission',
  severity: 'error',
  appliesTo: [INFERENCE_SERVICE],
  summary: 'A component\'s logger has mode all, request or response, and a logger storage has its path, parameters and key.',
  why: 'KServe\'s webhook rejects the InferenceService otherwise ("invalid logger type", "invalid logger storage configuration").',
  source: 'kserve/kserve pkg/apis/serving/v1beta1/component.go validateLogger',
  *check(o) {
    for (const c of componentsOf(o, { canaries: true })) {
      const l = asObject(c.spec.logger);
      if (!l) continue;
      if (!MODES.includes(l.mode as string)) {
        yield { path: path(...c.at, 'logger', 'mode'), message: `${l.mode === undefined ? 'is not set' : `"${String(l.mode)}" is not a logger mode`}: invalid logger type`, fix: `use one of ${MODES.join(', ')}` };
      }
      const s = asObject(l.storage);
      if (!s) continue;
      for (const key of ['path', 'parameters', 'key']) {
        if (s[key] === undefined || s[key] === null) {
          yield { path: path(...c.at, 'logger', 'storage', key), message: 'is missing: invalid logger storage configuration', fix: 'a logger storage needs its path, parameters and key (of the storage-config Secret)' };
        }
      }
    }
  },
};
