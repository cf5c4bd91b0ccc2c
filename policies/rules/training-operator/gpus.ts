import { asObject, asString, Json } from '../json';

/** A container's GPUs per pod, and the resource field that gives them. */
export interface GpuRequest {
  readonly count: number;
  /** Path segments under the container, e.g. `['resources', 'limits', 'nvidia.com/gpu']`. */
  readonly field: readonly string[];
}

/**
 * The GPUs a resource requirement asks for: the first resource whose name contains "gpu"
 * (nvidia.com/gpu, amd.com/gpu, …), from the limits (which an extended resource must set),
 * else the requests. Like GetNumGPUPerNode in kubeflow/trainer pkg/runtime/runtime.go, minus its
 * map-order dependence. Undefined when none is set or the quantity is not a whole number.
 */
export function gpusOf(resources: Json | undefined): GpuRequest | undefined {
  for (const side of ['limits', 'requests'] as const) {
    const list = asObject(resources?.[side]);
    const name = Object.keys(list ?? {}).sort().find((k) => k.toLowerCase().includes('gpu'));
    if (!list || !name) continue;
    const raw = list[name];
    const count = typeof raw === 'number' ? raw : /^\d+$/.test(asString(raw) ?? '') ? Number(raw) : NaN;
    if (Number.isInteger(count)) return { count, field: ['resources', side, name] };
  }
  return undefined;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
