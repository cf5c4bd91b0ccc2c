import { Duration } from 'cdk8s';
import { constructError, testStack } from '../../test/util';
import { BatcherProps, renderBatcher } from './batcher';

describe('batcher', () => {
  test('renders maxLatency in milliseconds', () => {
    expect(renderBatcher(testStack(), 'batcher', { maxBatchSize: 16, maxLatency: Duration.seconds(1) })).toEqual({ maxBatchSize: 16, maxLatency: 1000 });
    expect(renderBatcher(testStack(), 'batcher', {})).toEqual({});
  });

  test.each<[BatcherProps, string, string]>([
    [{ maxBatchSize: 0 }, 'predictor.batcher.maxBatchSize', 'must be a whole number ≥ 1'],
    [{ maxLatency: Duration.millis(0.5) }, 'predictor.batcher.maxLatency', 'must be at least 1 ms'],
    [{ maxLatency: Duration.millis(0) }, 'predictor.batcher.maxLatency', 'must be at least 1 ms'],
  ])('rejects %o', (props, field, problem) => {
    const e = constructError(() => renderBatcher(testStack(), 'predictor.batcher', props));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});
