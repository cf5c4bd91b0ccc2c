import { constructError, testStack } from '../../test/util';
import { LoggerMode, LoggerProps, renderLogger } from './logger';

describe('logger', () => {
  test('renders mode (default all), URL, metadata and storage', () => {
    expect(renderLogger(testStack(), 'logger', {})).toEqual({ mode: 'all' });
    expect(renderLogger(testStack(), 'logger', {
      url: 'http://logs.team.svc', mode: LoggerMode.RESPONSE, metadataAnnotations: ['team'],
      storage: { path: 'logs/resnet', key: 'logs', parameters: { type: 's3', bucket: 'logs' } },
    })).toEqual({
      mode: 'response', url: 'http://logs.team.svc', metadataAnnotations: ['team'],
      storage: { path: 'logs/resnet', key: 'logs', parameters: { type: 's3', bucket: 'logs' }, serviceAccountName: undefined },
    });
    expect(renderLogger(testStack(), 'logger', undefined)).toBeUndefined();
  });

  test.each<[LoggerProps, string, string]>([
    [{ mode: 'everything' as LoggerMode }, 'predictor.logger.mode', '"everything" is not a logger mode'],
    [{ url: 'logs.team.svc' }, 'predictor.logger.url', 'is not an http(s) URL'],
    [{ storage: { path: '', key: 'k', parameters: { type: 's3' } } }, 'predictor.logger.storage.path', 'is empty'],
    [{ storage: { path: 'p', key: 'k', parameters: {} } }, 'predictor.logger.storage.parameters', 'is empty'],
    [{ storage: { path: 'p', key: ' ', parameters: { type: 's3' } } }, 'predictor.logger.storage.key', 'is empty'],
    [{ storage: { path: 'p', key: 'k', parameters: { type: 's3' }, serviceAccountName: 'Logs_SA' } }, 'predictor.logger.storage.serviceAccountName', 'is not a valid DNS-1123 subdomain'],
  ])('rejects %o', (props, field, problem) => {
    const e = constructError(() => renderLogger(testStack(), 'predictor.logger', props));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });
});
