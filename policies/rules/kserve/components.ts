// The components of an InferenceService (predictor, transformer, explainer, Standard mode's
// canaries) and their implementations, as KServe's v1beta1 API types see them.
import { Manifest } from '../../../manifest';
import { asArray, asObject, asString, Json } from '../json';
import { envVar } from './json';

export type ComponentKind = 'predictor' | 'transformer' | 'explainer';

/** One component spec and where it sits. */
export interface Component {
  readonly kind: ComponentKind;
  /** For messages: `predictor`, `transformer`, `explainer`, `canary[0] predictor`. */
  readonly label: string;
  readonly spec: Json;
  /** Path segments of the spec, e.g. `['spec', 'canary', 0, 'predictor']`. */
  readonly at: ReadonlyArray<string | number>;
  /** Whether it is a canary's predictor (`spec.canary[i].predictor`). */
  readonly canary: boolean;
}

/** The container name KServe gives a component's main container (`constants.InferenceServiceContainerName`). */
export const KSERVE_CONTAINER = 'kserve-container';

/** The predictor implementations besides custom containers (`PredictorSpec`'s one-of fields), in KServe's order. */
export const PREDICTOR_FRAMEWORKS = ['xgboost', 'pytorch', 'triton', 'sklearn', 'tensorflow', 'onnx', 'pmml', 'lightgbm', 'paddle', 'huggingface', 'model'] as const;

/** The predictor, transformer and explainer that are set; with `canaries`, also each `spec.canary[i].predictor`. */
export function componentsOf(isvc: Manifest, options: { canaries?: boolean } = {}): Component[] {
  const spec = asObject(isvc.spec) ?? {};
  const out: Component[] = [];
  for (const kind of ['predictor', 'transformer', 'explainer'] as const) {
    const c = asObject(spec[kind]);
    if (c) out.push({ kind, label: kind, spec: c, at: ['spec', kind], canary: false });
  }
  if (options.canaries) {
    asArray(spec.canary).forEach((entry, i) => {
      const p = asObject(asObject(entry)?.predictor);
      if (p) out.push({ kind: 'predictor', label: `canary[${i}] predictor`, spec: p, at: ['spec', 'canary', i, 'predictor'], canary: true });
    });
  }
  return out;
}

/** A component's implementations: the field each comes from (`model`, `containers`, `art`, …), as `GetImplementations` counts them. */
export function implementationsOf(c: Component): string[] {
  const containers = asArray(c.spec.containers);
  if (c.kind === 'transformer') return containers.length ? ['containers'] : [];
  if (c.kind === 'explainer') return [...(asObject(c.spec.art) ? ['art'] : []), ...(containers.length ? ['containers'] : [])];
  const found: string[] = PREDICTOR_FRAMEWORKS.filter((f) => asObject(c.spec[f]));
  // A container named kserve-container is a custom predictor beside any framework; without a
  // framework, the first container is. Other containers of a framework predictor are sidecars.
  const named = containers.filter((x) => asObject(x)?.name === KSERVE_CONTAINER).length;
  found.push(...Array<string>(named).fill('containers'));
  if (found.length === 0 && containers.length) found.push('containers');
  return found;
}

/** The field of the one implementation, or undefined when there is not exactly one. */
export function implementationOf(c: Component): string | undefined {
  const all = implementationsOf(c);
  return all.length === 1 ? all[0] : undefined;
}

/** A storage URI a component's implementation loads, with its path (`GetStorageUri`). */
export interface StorageUriRef {
  readonly uri: string;
  readonly path: ReadonlyArray<string | number>;
}

/**
 * The storage URI of a component's implementation: a framework's or ART's `storageUri`, or the
 * `STORAGE_URI` env var of a custom container (the predictor's `kserve-container`, the first
 * container of a transformer or explainer).
 */
export function storageUriOf(c: Component): StorageUriRef | undefined {
  const impl = implementationOf(c);
  if (impl === undefined) return undefined;
  if (impl !== 'containers') {
    const uri = asString(asObject(c.spec[impl])?.storageUri);
    return uri === undefined || (impl === 'art' && uri === '') ? undefined : { uri, path: [...c.at, impl, 'storageUri'] };
  }
  const index = mainContainerIndex(c);
  if (index === undefined) return undefined;
  const env = envVar(asObject(asArray(c.spec.containers)[index]), 'STORAGE_URI');
  return env?.value === undefined ? undefined : { uri: env.value, path: [...c.at, 'containers', index, 'env', env.index, 'value'] };
}

/**
 * The index of a custom implementation's main container after KServe's defaulting: a
 * transformer's or explainer's first container; a predictor's `kserve-container`, or its first
 * container when that is the only one or has no name (`CustomPredictor.Default` names it).
 */
export function mainContainerIndex(c: Component): number | undefined {
  const containers = asArray(c.spec.containers);
  if (containers.length === 0) return undefined;
  if (c.kind !== 'predictor') return 0;
  const named = containers.findIndex((x) => asObject(x)?.name === KSERVE_CONTAINER);
  if (named !== -1) return named;
  return containers.length === 1 || !asString(asObject(containers[0])?.name) ? 0 : undefined;
}
