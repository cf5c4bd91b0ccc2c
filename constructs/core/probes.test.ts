import { Duration, Testing } from 'cdk8s';
import { constructError, testStack } from '../../test/util';
import { ContainerProps, renderContainer } from './container';
import { LifecycleHandler, Probe } from './probes';
import { Release } from './release';
import { Stack } from './stack';

const render = (props: Omit<ContainerProps, 'image'>, gracePeriodSeconds?: number) =>
  renderContainer(testStack(), 'c', 'main', { image: 'ghcr.io/org/server:1.0.0', ...props }, { gracePeriodSeconds });

describe('probes', () => {
  test('each handler with its timings, rendered in whole seconds', () => {
    const c = render({
      ports: [{ containerPort: 8080, name: 'http' }],
      liveness: Probe.fromHttpGet('/healthz', { port: 'http', headers: { 'X-Probe': 'live' }, period: Duration.seconds(20), failureThreshold: 5, terminationGracePeriod: Duration.seconds(10) }),
      readiness: Probe.fromTcpSocket({ initialDelay: Duration.seconds(5), successThreshold: 2, timeout: Duration.seconds(3) }),
      startup: Probe.fromCommand(['cat', '/tmp/loaded'], { period: Duration.seconds(10), failureThreshold: 60 }),
    });
    expect(c.livenessProbe).toEqual({
      httpGet: { path: '/healthz', port: 'http', httpHeaders: [{ name: 'X-Probe', value: 'live' }] },
      periodSeconds: 20, failureThreshold: 5, terminationGracePeriodSeconds: 10,
    });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 8080 }, initialDelaySeconds: 5, successThreshold: 2, timeoutSeconds: 3 });
    expect(c.startupProbe).toEqual({ exec: { command: ['cat', '/tmp/loaded'] }, periodSeconds: 10, failureThreshold: 60 });
    expect(render({ readiness: Probe.fromGrpc({ port: 9000, service: 'inference' }) }).readinessProbe).toEqual({ grpc: { port: 9000, service: 'inference' } });
  });

  test.each(([
    [{ liveness: Probe.fromHttpGet('/h', { successThreshold: 2, port: 80 }) }, 'c.liveness.successThreshold', 'must be 1 for a liveness probe, got 2'],
    [{ startup: Probe.fromTcpSocket({ successThreshold: 3, port: 80 }) }, 'c.startup.successThreshold', 'must be 1 for a startup probe'],
    [{ readiness: Probe.fromTcpSocket({ port: 80, terminationGracePeriod: Duration.seconds(5) }) }, 'c.readiness.terminationGracePeriod', 'is set on a readiness probe'],
    [{ readiness: Probe.fromTcpSocket({ port: 80, failureThreshold: 0 }) }, 'c.readiness.failureThreshold', 'must be a whole number ≥ 1, got 0'],
    [{ readiness: Probe.fromTcpSocket({ port: 80, period: Duration.millis(500) }) }, 'c.readiness.period', 'must be a whole number of seconds ≥ 1'],
    [{ readiness: Probe.fromTcpSocket({ port: 70000 }) }, 'c.readiness.port', 'port 70000 is out of range'],
    [{ readiness: Probe.fromTcpSocket() }, 'c.readiness.port', 'the container declares no ports to default to'],
    [{ readiness: Probe.fromHttpGet('/h', { port: 'metrics' }) }, 'c.readiness.port', 'names port "metrics", which the container does not declare'],
    [{ readiness: Probe.fromHttpGet('/h', { port: 'Not_A_Name' }) }, 'c.readiness.port', 'is not a port name'],
    [{ readiness: Probe.fromHttpGet('healthz', { port: 80 }) }, 'c.readiness.path', 'must start with "/"'],
    [{ readiness: Probe.fromHttpGet('/h', { port: 80, headers: { 'Bad Header': 'x' } }) }, 'c.readiness.headers.Bad Header', 'is not an HTTP header name'],
    [{ readiness: Probe.fromCommand([]) }, 'c.readiness.command', 'is empty'],
    [{ readiness: Probe.fromGrpc({ port: 0 }) }, 'c.readiness.port', 'port 0 is out of range'],
  ] as Array<[Omit<ContainerProps, 'image'>, string, string]>).map(([props, field, problem]) => [field, problem, props] as [string, string, Omit<ContainerProps, 'image'>]))('%s: %s', (field, problem, props) => {
    const e = constructError(() => render(props));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});

describe('lifecycle hooks', () => {
  test('postStart and preStop, with exec, httpGet and sleep', () => {
    const c = render({
      ports: [{ containerPort: 8080 }],
      lifecycle: { postStart: LifecycleHandler.fromCommand(['sh', '-c', 'touch /tmp/started']), preStop: LifecycleHandler.sleep(Duration.seconds(10)) },
    });
    expect(c.lifecycle).toEqual({ postStart: { exec: { command: ['sh', '-c', 'touch /tmp/started'] } }, preStop: { sleep: { seconds: 10 } } });
    expect(render({ ports: [{ containerPort: 8080 }], lifecycle: { preStop: LifecycleHandler.fromHttpGet('/drain', { scheme: 'HTTPS' }) } }).lifecycle)
      .toEqual({ preStop: { httpGet: { path: '/drain', port: 8080, scheme: 'HTTPS' } } });
    expect(render({ lifecycle: {} }).lifecycle).toBeUndefined();
  });

  test('a preStop sleep must fit the pod\'s termination grace period', () => {
    expect(render({ lifecycle: { preStop: LifecycleHandler.sleep(Duration.seconds(45)) } }, 60).lifecycle).toEqual({ preStop: { sleep: { seconds: 45 } } });
    const e = constructError(() => render({ lifecycle: { preStop: LifecycleHandler.sleep(Duration.seconds(45)) } }));
    expect(e.field).toBe('c.lifecycle.preStop.sleep');
    expect(e.problem).toBe('is 45s, longer than the pod\'s termination grace period (30s)');
    expect(constructError(() => render({ lifecycle: { preStop: LifecycleHandler.sleep(Duration.millis(1500)) } })).problem).toContain('whole number of seconds ≥ 1');
  });

  test('the sleep action needs Kubernetes 1.30', () => {
    const stack = new Stack(Testing.app(), 'old', { namespace: 'team', release: Release.NEWEST.withComponents({ kubernetes: '1.29' }) });
    const e = constructError(() => renderContainer(stack, 'c', 'main', { image: 'busybox', lifecycle: { preStop: LifecycleHandler.sleep(Duration.seconds(5)) } }));
    expect(e.field).toBe('c.lifecycle.preStop');
    expect(e.problem).toContain('the sleep lifecycle action needs Kubernetes 1.30 or later');
  });

  test('init containers take no probes or hooks; sidecars do', () => {
    const props = { image: 'busybox', readiness: Probe.fromCommand(['true']) };
    const e = constructError(() => renderContainer(testStack(), 'pod.initContainers[0]', 'init', props, { role: 'init' }));
    expect(e.field).toBe('pod.initContainers[0].readiness');
    expect(e.fix).toContain('make the container a sidecar');
    expect(renderContainer(testStack(), 's', 'proxy', props, { role: 'sidecar' })).toMatchObject({ restartPolicy: 'Always', readinessProbe: { exec: { command: ['true'] } } });
  });
});
