import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as wire from '../wire/core';
import { wholeSeconds } from './durations';
import { fail, field as join } from './errors';
import { requireRelease } from './release';

/** A container port: its number, or the name of one of the container's `ports`. */
export type PortRef = number | string;

/** An HTTP GET request the kubelet sends to the container. */
export interface HttpGetOptions {
  /** @default - the container's first port */
  readonly port?: PortRef;
  /** @default - the pod's IP */
  readonly host?: string;
  /** @default 'HTTP' */
  readonly scheme?: 'HTTP' | 'HTTPS';
  /** Request headers, e.g. `{ Authorization: 'Bearer …' }`. @default - none */
  readonly headers?: Record<string, string>;
}

/** When and how often a probe runs, and what counts as passing. */
export interface ProbeTimings {
  /** Wait before the first probe. @default - none (Kubernetes' 0 s) */
  readonly initialDelay?: Duration;
  /** Time between probes (at least 1 s). @default - Kubernetes' 10 s */
  readonly period?: Duration;
  /** Time after which a probe fails (at least 1 s). @default - Kubernetes' 1 s */
  readonly timeout?: Duration;
  /** Consecutive successes after a failure to pass again; must be 1 for liveness and startup probes. @default - Kubernetes' 1 */
  readonly successThreshold?: number;
  /** Consecutive failures that fail the probe. @default - Kubernetes' 3 */
  readonly failureThreshold?: number;
  /**
   * Grace period of a container killed because this liveness or startup probe failed, instead of
   * the pod's (e.g. shorter, to restart a hung server faster). Not for readiness probes.
   * @default - the pod's termination grace period
   */
  readonly terminationGracePeriod?: Duration;
}

/** A TCP connection the kubelet opens to the container. */
export interface TcpSocketOptions {
  /** @default - the container's first port */
  readonly port?: PortRef;
  /** @default - the pod's IP */
  readonly host?: string;
}

/** A gRPC health check (grpc.health.v1) the kubelet sends to the container. */
export interface GrpcOptions {
  /** The port number (gRPC probes take no port names). */
  readonly port: number;
  /** The service name in the health-check request. @default - the server's overall health ("") */
  readonly service?: string;
}

type ProbeHandler = Pick<wire.Probe, 'exec' | 'httpGet' | 'tcpSocket' | 'grpc'>;

/** Which of a container's probes: liveness restarts it, readiness takes it out of Services, startup holds the others until it passes. @internal */
export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/**
 * A container probe: `Probe.fromHttpGet('/healthz')`, `Probe.fromTcpSocket()`,
 * `Probe.fromCommand(['cat', '/tmp/ready'])` or `Probe.fromGrpc({ port: 9000 })`, each with its
 * timings. A container takes up to three: `liveness`, `readiness` and `startup`.
 */
export class Probe {
  /** Passes when an HTTP GET of `path` answers 200–399. */
  static fromHttpGet(path: string, options: HttpGetOptions & ProbeTimings = {}): Probe {
    return new Probe(options, (scope, field, ports) => ({ httpGet: renderHttpGet(scope, field, path, options, ports) }));
  }
  /** Passes when a TCP connection to the port opens. */
  static fromTcpSocket(options: TcpSocketOptions & ProbeTimings = {}): Probe {
    return new Probe(options, (scope, field, ports) => ({ tcpSocket: { port: resolvePort(scope, join(field, 'port'), options.port, ports), host: options.host } }));
  }
  /** Passes when the command, run in the container, exits 0. */
  static fromCommand(command: string[], options: ProbeTimings = {}): Probe {
    return new Probe(options, (scope, field) => ({ exec: { command: checkCommand(scope, join(field, 'command'), command) } }));
  }
  /** Passes when the gRPC health check answers SERVING. */
  static fromGrpc(options: GrpcOptions & ProbeTimings): Probe {
    return new Probe(options, (scope, field) => {
      checkPortNumber(scope, join(field, 'port'), options.port);
      return { grpc: { port: options.port, service: options.service } };
    });
  }
  private constructor(
    private readonly timings: ProbeTimings,
    private readonly handler: (scope: IConstruct, field: string, ports: readonly wire.ContainerPort[]) => ProbeHandler,
  ) {}

  /** Validates the probe as the API server does for a probe of `kind` and renders it. @internal */
  public _render(scope: IConstruct, field: string, kind: ProbeKind, ports: readonly wire.ContainerPort[]): wire.Probe {
    const t = this.timings;
    const count = (key: 'successThreshold' | 'failureThreshold') => {
      const n = t[key];
      if (n !== undefined && (!Number.isInteger(n) || n < 1)) fail(scope, join(field, key), `must be a whole number ≥ 1, got ${n}`, 'give a count such as 3');
      return n;
    };
    const successThreshold = count('successThreshold');
    if (successThreshold !== undefined && successThreshold !== 1 && kind !== 'readiness') {
      fail(scope, join(field, 'successThreshold'), `must be 1 for a ${kind} probe, got ${successThreshold} (the API server rejects other values)`, 'drop successThreshold, or set it to 1');
    }
    if (t.terminationGracePeriod !== undefined && kind === 'readiness') {
      fail(scope, join(field, 'terminationGracePeriod'), 'is set on a readiness probe, which never kills the container (the API server rejects it)', 'drop it, or move it to the liveness or startup probe');
    }
    const seconds = (key: 'initialDelay' | 'period' | 'timeout' | 'terminationGracePeriod', min: number) => {
      const d = t[key];
      return d === undefined ? undefined : wholeSeconds(scope, join(field, key), d, min);
    };
    return {
      ...this.handler(scope, field, ports),
      initialDelaySeconds: seconds('initialDelay', 0),
      periodSeconds: seconds('period', 1),
      timeoutSeconds: seconds('timeout', 1),
      successThreshold,
      failureThreshold: count('failureThreshold'),
      terminationGracePeriodSeconds: seconds('terminationGracePeriod', 1),
    };
  }
}

/**
 * What a lifecycle hook does: `LifecycleHandler.fromCommand([...])`,
 * `LifecycleHandler.fromHttpGet('/drain')` or `LifecycleHandler.sleep(Duration.seconds(5))`.
 */
export class LifecycleHandler {
  /** Runs the command in the container. */
  static fromCommand(command: string[]): LifecycleHandler {
    return new LifecycleHandler((scope, field) => ({ exec: { command: checkCommand(scope, join(field, 'command'), command) } }));
  }
  /** Sends an HTTP GET of `path` to the container. */
  static fromHttpGet(path: string, options: HttpGetOptions = {}): LifecycleHandler {
    return new LifecycleHandler((scope, field, ports) => ({ httpGet: renderHttpGet(scope, field, path, options, ports) }));
  }
  /**
   * Waits, without needing a `sleep` binary in the image: a preStop sleep lets Services and load
   * balancers stop sending requests before the container gets SIGTERM. Kubernetes 1.30 and later;
   * at most the pod's termination grace period. A kind whose CRD embeds an older pod spec has no
   * such field (the Notebook's, as of Kubeflow Notebooks 1.11): synth's schema check reports it.
   */
  static sleep(duration: Duration): LifecycleHandler {
    return new LifecycleHandler((scope, field, _ports, gracePeriod) => {
      requireRelease(scope, field, 'kubernetes', '1.30', 'the sleep lifecycle action');
      const seconds = wholeSeconds(scope, join(field, 'sleep'), duration, 1);
      if (seconds > gracePeriod) {
        // The API server: "must be greater than 0 and less than terminationGracePeriodSeconds".
        fail(scope, join(field, 'sleep'), `is ${seconds}s, longer than the pod's termination grace period (${gracePeriod}s)`,
          'sleep for less, or lengthen the pod\'s terminationGracePeriod');
      }
      return { sleep: { seconds } };
    });
  }
  private constructor(private readonly handler: (scope: IConstruct, field: string, ports: readonly wire.ContainerPort[], gracePeriod: number) => wire.LifecycleHandler) {}

  /** @internal */
  public _render(scope: IConstruct, field: string, ports: readonly wire.ContainerPort[], gracePeriodSeconds: number): wire.LifecycleHandler {
    return this.handler(scope, field, ports, gracePeriodSeconds);
  }
}

/** Hooks the kubelet runs after a container starts and before it stops. */
export interface LifecycleProps {
  /** Runs right after the container is created (not necessarily before its entrypoint). @default - none */
  readonly postStart?: LifecycleHandler;
  /** Runs before the container gets SIGTERM, within the pod's termination grace period. @default - none */
  readonly preStop?: LifecycleHandler;
}

/** Kubernetes' default `terminationGracePeriodSeconds`. @internal */
export const DEFAULT_GRACE_PERIOD_SECONDS = 30;

/** Validates and renders a container's lifecycle hooks. @internal */
export function renderLifecycle(scope: IConstruct, field: string, props: LifecycleProps | undefined, ports: readonly wire.ContainerPort[], gracePeriodSeconds: number): wire.Lifecycle | undefined {
  if (!props || (!props.postStart && !props.preStop)) return undefined;
  return {
    postStart: props.postStart?._render(scope, join(field, 'postStart'), ports, gracePeriodSeconds),
    preStop: props.preStop?._render(scope, join(field, 'preStop'), ports, gracePeriodSeconds),
  };
}

// An HTTP header name (RFC 7230 token).
const HEADER = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// k8s.io/apimachinery validation.IsValidPortName: IANA_SVC_NAME.
const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function renderHttpGet(scope: IConstruct, field: string, path: string, o: HttpGetOptions, ports: readonly wire.ContainerPort[]): wire.HTTPGetAction {
  if (!path.startsWith('/')) fail(scope, join(field, 'path'), `"${path}" must start with "/"`, 'e.g. "/healthz"');
  if (o.scheme !== undefined && o.scheme !== 'HTTP' && o.scheme !== 'HTTPS') fail(scope, join(field, 'scheme'), `"${o.scheme}" is not a scheme`, 'use "HTTP" or "HTTPS"');
  const headers = Object.keys(o.headers ?? {}).sort().map((name) => {
    if (!HEADER.test(name)) fail(scope, join(field, 'headers', name), `"${name}" is not an HTTP header name`, 'use letters, digits and "-", e.g. "X-Probe"');
    return { name, value: o.headers![name] };
  });
  return { path, port: resolvePort(scope, join(field, 'port'), o.port, ports), host: o.host, scheme: o.scheme, httpHeaders: headers.length ? headers : undefined };
}

/** The port as given (checked), else the container's first port. */
function resolvePort(scope: IConstruct, field: string, port: PortRef | undefined, ports: readonly wire.ContainerPort[]): number | string {
  if (port === undefined) {
    if (!ports.length) fail(scope, field, 'is not given, and the container declares no ports to default to', 'give the port, e.g. port: 8080');
    return ports[0].containerPort;
  }
  if (typeof port === 'number') return checkPortNumber(scope, field, port);
  if (port.length > 15 || !PORT_NAME.test(port) || !/[a-z]/.test(port) || port.includes('--')) {
    fail(scope, field, `"${port}" is not a port name`, 'give a port number, or the name of one of the container\'s ports (up to 15 lower-case letters, digits and "-")');
  }
  if (!ports.some((p) => p.name === port)) {
    fail(scope, field, `names port "${port}", which the container does not declare`, `add { containerPort: …, name: '${port}' } to the container's ports, or give the port number`);
  }
  return port;
}

function checkPortNumber(scope: IConstruct, field: string, port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(scope, field, `port ${port} is out of range`, 'use a port between 1 and 65535');
  return port;
}

function checkCommand(scope: IConstruct, field: string, command: string[]): string[] {
  if (!command.length) fail(scope, field, 'is empty', 'give the command and its arguments, e.g. [\'cat\', \'/tmp/healthy\']');
  return [...command];
}
