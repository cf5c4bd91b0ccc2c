import { Duration } from 'cdk8s';
import { constructError, testStack } from '../../test/util';
import { Cpu, Gpu, Size } from '../core';
import { Scheduler, SchedulerKind } from './scheduling';

describe('Scheduler', () => {
  test('default: nothing to add', () => {
    expect(Scheduler.default()._render()).toEqual({ jobLabels: {}, ownsSuspend: false });
  });

  test('coscheduling: the gang policy with min resources and timeout, a configurable scheduler name', () => {
    const s = Scheduler.coscheduling({
      minAvailable: 3, scheduleTimeout: Duration.minutes(2), schedulerName: 'coscheduler',
      minResources: { cpu: Cpu.units(16), memory: Size.gibibytes(64), gpu: Gpu.nvidia(8) },
    });
    expect(s.kind).toBe(SchedulerKind.COSCHEDULING);
    expect(s._render()).toEqual({
      schedulingPolicy: { minAvailable: 3, scheduleTimeoutSeconds: 120, minResources: { 'cpu': '16', 'memory': '64Gi', 'nvidia.com/gpu': '8' } },
      schedulerName: 'coscheduler', jobLabels: {}, ownsSuspend: false,
    });
    expect(Scheduler.coscheduling()._render()).toEqual({ schedulingPolicy: undefined, schedulerName: 'scheduler-plugins-scheduler', jobLabels: {}, ownsSuspend: false });
  });

  test('coscheduling takes no priority class: the operator does not pass one to a scheduler-plugins PodGroup', () => {
    // @ts-expect-error priorityClass is Volcano's only; coscheduled pods take pod.priorityClassName.
    expect(Scheduler.coscheduling({ priorityClass: 'high' })._render().schedulingPolicy).toBeUndefined();
  });

  test('volcano: queue and priority class in the policy, pods scheduled by "volcano"', () => {
    expect(Scheduler.volcano({ queue: 'research', priorityClass: 'high' })._render())
      .toMatchObject({ schedulingPolicy: { queue: 'research', priorityClass: 'high' }, schedulerName: 'volcano' });
  });

  test('kueue: labels on the job, suspend owned by Kueue', () => {
    const s = Scheduler.kueue('team-a');
    expect(s.queue).toBe('team-a');
    expect(s._render()).toEqual({ jobLabels: { 'kueue.x-k8s.io/queue-name': 'team-a' }, ownsSuspend: true });
  });

  test.each([
    [Scheduler.coscheduling({ minAvailable: 0 }), 'scheduler.minAvailable', "between 1 and the job's 2 replicas, got 0"],
    [Scheduler.volcano({ minAvailable: 1.5 }), 'scheduler.minAvailable', 'got 1.5'],
    [Scheduler.coscheduling({ scheduleTimeout: Duration.millis(500) }), 'scheduler.scheduleTimeout', 'whole number of seconds ≥ 1, got 0.5s'],
    [Scheduler.volcano({ priorityClass: 'High Prio' }), 'scheduler.priorityClass', 'is not a valid'],
    [Scheduler.coscheduling({ minResources: { gpu: Gpu.nvidia(0) } }), 'scheduler.minResources.gpu', 'GPU count must be a whole number ≥ 1'],
    [Scheduler.coscheduling({ minResources: { cpu: Cpu.millis(0) } }), 'scheduler.minResources.cpu', 'must be a positive whole number of millicores'],
    [Scheduler.volcano({ queue: 'Bad_Queue' }), 'scheduler.queue', 'is not a valid'],
    [Scheduler.coscheduling({ schedulerName: 'My Scheduler' }), 'scheduler.schedulerName', 'is not a valid'],
    [Scheduler.kueue('q', { priorityClass: '_x' }), 'scheduler.priorityClass', 'is not a valid'],
    // Kueue reads both from labels, and label values have at most 63 characters.
    [Scheduler.kueue('q'.repeat(64)), 'scheduler.queue', 'is 64 characters long; at most 63 are allowed'],
    [Scheduler.kueue('q', { priorityClass: 'p'.repeat(64) }), 'scheduler.priorityClass', 'is 64 characters long; at most 63 are allowed'],
  ])('rejects %#', (scheduler, field, problem) => {
    const e = constructError(() => scheduler._validate(testStack(), 'scheduler', 2));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});
