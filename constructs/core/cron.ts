import { IConstruct } from 'constructs';
import { fail } from './errors';

/** The macros Kubernetes' CronJob controller accepts besides five fields (robfig/cron's descriptors). */
const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** A Kubernetes CronJob schedule (five fields, or a macro such as `@daily`), trimmed; else an error naming `field`. @internal */
export function checkCronSchedule(scope: IConstruct, field: string, schedule: string): string {
  const s = schedule.trim();
  if (!/^(\S+\s+){4}\S+$/.test(s) && !MACROS.includes(s)) {
    fail(scope, field, `'${schedule}' is not a cron schedule`, `write five fields (minute hour day month weekday), e.g. '0 3 * * *', or one of ${MACROS.join(', ')}`);
  }
  return s;
}
