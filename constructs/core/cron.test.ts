import { Construct } from 'constructs';
import { checkCronSchedule } from './cron';

describe('checkCronSchedule', () => {
  const scope = new Construct(undefined as any, 'Job');
  test.each(['0 3 * * *', ' */5 * * * 1-5 ', '@daily', '@hourly', '@yearly'])('accepts %p', (s) => {
    expect(checkCronSchedule(scope, 'schedule', s)).toBe(s.trim());
  });
  test.each(['daily', '0 3 * *', '0 3 * * * *', '@every 5m', ''])('rejects %p, naming the field and the forms', (s) => {
    expect(() => checkCronSchedule(scope, 'schedule', s)).toThrow(/schedule: '.*' is not a cron schedule[\s\S]*five fields .* @daily/);
  });
});
