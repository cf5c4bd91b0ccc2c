import { Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ResourceRequirements } from '../wire/core';
import { fail, field as join } from './errors';

export { Size };

/** CPU as a typed quantity: `Cpu.units(2)`, `Cpu.millis(500)`. */
export class Cpu {
  /** Whole or fractional cores; rendered in millicores when fractional (`0.5` → `500m`). */
  static units(cores: number): Cpu {
    return new Cpu(cores * 1000);
  }
  static millis(millicores: number): Cpu {
    return new Cpu(millicores);
  }
  private constructor(public readonly millicores: number) {}

  /** The Kubernetes quantity string (`2`, `500m`). */
  toQuantity(): string {
    return this.millicores % 1000 === 0 ? String(this.millicores / 1000) : `${this.millicores}m`;
  }
}

/**
 * An accelerator count as an extended resource. cdk8s-plus has no GPU support; Kubernetes
 * treats GPUs as extended resources that cannot be overcommitted, so request equals limit.
 */
export class Gpu {
  static nvidia(count: number): Gpu {
    return new Gpu('nvidia.com/gpu', count);
  }
  static amd(count: number): Gpu {
    return new Gpu('amd.com/gpu', count);
  }
  static intel(count: number): Gpu {
    return new Gpu('gpu.intel.com/i915', count);
  }
  /** Any vendor's extended resource, e.g. `Gpu.of('habana.ai/gaudi', 8)`. */
  static of(resource: string, count: number): Gpu {
    return new Gpu(resource, count);
  }
  private constructor(
    /** Extended resource name, e.g. `nvidia.com/gpu`. */
    public readonly resource: string,
    public readonly count: number,
  ) {}
}

/** A request and an optional limit for one resource. */
export interface ResourceRange<T> {
  /** @default - no request (the namespace's LimitRange default applies) */
  readonly request?: T;
  /** @default - no limit */
  readonly limit?: T;
}

/** Compute resources of one container. */
export interface ResourcesProps {
  /** @default - none */
  readonly cpu?: ResourceRange<Cpu>;
  /** @default - none */
  readonly memory?: ResourceRange<Size>;
  /** @default - none */
  readonly ephemeralStorage?: ResourceRange<Size>;
  /** Accelerators; rendered as equal request and limit. @default - no GPU */
  readonly gpu?: Gpu;
}


const BINARY_UNITS: Array<[string, number]> = [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];

/**
 * The Kubernetes quantity of a size: whole bytes, in the largest binary unit that keeps them
 * whole (`8Gi`, `1536Mi`, `1288490189`). A fractional byte count (`Size.gibibytes(1.2)` is
 * 1288490188.8 bytes) is rounded up to the next byte: Kubernetes counts memory and storage in
 * bytes, and the API server would store a fraction as milli-bytes (`1288490188800m`), which
 * then differs from what git holds. @internal
 */
export function sizeQuantity(size: Size): string {
  const b = bytes(size);
  if (b === 0) return '0';
  const unit = BINARY_UNITS.find(([, factor]) => b % factor === 0);
  return unit ? `${b / unit[1]}${unit[0]}` : String(b);
}

/** Whole bytes of a size, as {@link sizeQuantity} renders it (fractions rounded up; floating-point noise of a whole count is not a fraction). */
function bytes(size: Size): number {
  const exact = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024;
  const nearest = Math.round(exact);
  return Math.abs(exact - nearest) <= 8 * Number.EPSILON * Math.max(1, exact) ? nearest : Math.ceil(exact);
}

/** Checks that a GPU count is a positive whole number and the resource name is an extended resource. @internal */
export function checkGpu(scope: IConstruct, field: string, gpu: Gpu): void {
  if (!Number.isInteger(gpu.count) || gpu.count < 1) {
    fail(scope, field, `GPU count must be a whole number ≥ 1, got ${gpu.count}`,
      'GPUs cannot be shared or split by the device plugin; request a whole number such as Gpu.nvidia(1), or leave gpu out for a CPU-only pod');
  }
  if (!/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}\/[-a-zA-Z0-9_.]+$/.test(gpu.resource)) {
    fail(scope, field, `"${gpu.resource}" is not an extended resource name`,
      'use a vendor-qualified name such as nvidia.com/gpu, amd.com/gpu or habana.ai/gaudi');
  }
}

/** Validates resources (request ≤ limit, positive values) and renders them in wire format. @internal */
export function renderResources(scope: IConstruct, field: string, r: ResourcesProps = {}): ResourceRequirements | undefined {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  const range = <T>(name: string, value: ResourceRange<T> | undefined, amount: (v: T) => number, quantity: (v: T) => string) => {
    if (!value) return;
    for (const [which, v] of [['request', value.request], ['limit', value.limit]] as const) {
      if (v !== undefined && !(amount(v) > 0)) {
        fail(scope, join(field, name, which), `must be greater than zero, got ${quantity(v)}`, `give a positive ${name} ${which} or leave it out`);
      }
    }
    if (value.request !== undefined && value.limit !== undefined && amount(value.request) > amount(value.limit)) {
      fail(scope, join(field, name), `request ${quantity(value.request)} is greater than limit ${quantity(value.limit)}`,
        `raise the limit to at least the request, or lower the request`);
    }
    if (value.request !== undefined) requests[name] = quantity(value.request);
    if (value.limit !== undefined) limits[name] = quantity(value.limit);
  };
  for (const [which, c] of [['request', r.cpu?.request], ['limit', r.cpu?.limit]] as const) {
    if (c && !Number.isInteger(c.millicores)) {
      fail(scope, join(field, 'cpu', which), `${c.millicores} millicores is finer than Kubernetes allows`, 'use whole millicores, e.g. Cpu.millis(250) or Cpu.units(0.25)');
    }
  }
  range('cpu', r.cpu, (c) => c.millicores, (c) => c.toQuantity());
  range('memory', r.memory, bytes, sizeQuantity);
  range('ephemeral-storage', r.ephemeralStorage, bytes, sizeQuantity);
  if (r.gpu) {
    checkGpu(scope, join(field, 'gpu'), r.gpu);
    requests[r.gpu.resource] = String(r.gpu.count);
    limits[r.gpu.resource] = String(r.gpu.count);
  }
  const out: ResourceRequirements = {};
  if (Object.keys(requests).length) out.requests = requests;
  if (Object.keys(limits).length) out.limits = limits;
  return Object.keys(out).length ? out : undefined;
}
