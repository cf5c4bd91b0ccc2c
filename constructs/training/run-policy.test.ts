import { Duration } from 'cdk8s';
import { constructError, testStack } from '../../test/util';
import { CleanPodPolicy, renderRunPolicy } from './run-policy';

const noScheduler = { jobLabels: {}, ownsSuspend: false };

describe('renderRunPolicy', () => {
  test('renders nothing by default: the operator\'s defaults (cleanPodPolicy None for every kind) apply', () => {
    expect(renderRunPolicy(testStack(), 'runPolicy', {}, noScheduler)).toBeUndefined();
    expect(renderRunPolicy(testStack(), 'runPolicy', { suspend: false }, noScheduler)).toBeUndefined();
  });

  test('a clean-pod policy is rendered when given, the operator\'s None included', () => {
    expect(renderRunPolicy(testStack(), 'runPolicy', { cleanPodPolicy: CleanPodPolicy.RUNNING }, noScheduler)).toEqual({ cleanPodPolicy: 'Running' });
    expect(renderRunPolicy(testStack(), 'runPolicy', { cleanPodPolicy: CleanPodPolicy.NONE }, noScheduler)).toEqual({ cleanPodPolicy: 'None' });
  });

  test('renders every field and the scheduler\'s policy; suspend: false is left out', () => {
    const policy = renderRunPolicy(testStack(), 'runPolicy', {
      cleanPodPolicy: CleanPodPolicy.NONE, ttlAfterFinished: Duration.seconds(0), activeDeadline: Duration.minutes(30), backoffLimit: 0, suspend: false,
    }, { ...noScheduler, schedulingPolicy: { minAvailable: 2 } });
    expect(policy).toEqual({ cleanPodPolicy: 'None', ttlSecondsAfterFinished: 0, activeDeadlineSeconds: 1800, backoffLimit: 0, schedulingPolicy: { minAvailable: 2 } });
  });

  test('suspend is Kueue\'s when Kueue queues the job', () => {
    const e = constructError(() => renderRunPolicy(testStack(), 'runPolicy', { suspend: true }, { jobLabels: {}, ownsSuspend: true }));
    expect(e.field).toBe('runPolicy.suspend');
    expect(e.fix).toContain('remove suspend');
  });

  test('backoffLimit must be a whole number', () => {
    expect(constructError(() => renderRunPolicy(testStack(), 'runPolicy', { backoffLimit: 1.5 }, noScheduler)).field).toBe('runPolicy.backoffLimit');
  });
});
