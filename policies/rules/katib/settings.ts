import { Violation } from '../rule';
import { Setting } from './experiment';
import { goAtoi, goParseFloat, pyFloat, pyInt } from './numbers';

/** How a suggestion service reads one setting and what it accepts. */
export interface SettingRule {
  /** The conversion the service applies: Python int()/float(), Go strconv, or a set of values. */
  readonly parse: 'int' | 'float' | 'go-int' | 'go-float' | 'enum';
  /** The range the service accepts, in words (`≥ 0`, `> 0 and < 1`) and as a test. */
  readonly range?: string;
  readonly ok?: (n: number) => boolean;
  readonly values?: readonly string[];
  /** Values the service takes as "unset" (ENAS and DARTS accept `None`). */
  readonly none?: boolean;
}

const PARSERS = { 'int': pyInt, 'float': pyFloat, 'go-int': goAtoi, 'go-float': goParseFloat } as const;

/**
 * The violations of an algorithm's settings against the rules of the service that runs it.
 * `unknown` is how the service treats a name it does not know: the hyperopt, optuna, skopt, ENAS
 * and median-stop services reject it, the others ignore it.
 */
export function checkSettings(settings: readonly Setting[], rules: Readonly<Record<string, SettingRule>>, service: { readonly name: string; readonly algorithm: string; readonly rejectsUnknown: boolean }): Violation[] {
  const out: Violation[] = [];
  for (const s of settings) {
    const rule = rules[s.name];
    if (!rule) {
      if (service.rejectsUnknown) {
        out.push({
          path: s.namePath,
          message: `"${s.name}" is not a setting of ${service.algorithm}: Katib's ${service.name} service rejects unknown settings`,
          fix: Object.keys(rules).length ? `use one of ${Object.keys(rules).join(', ')}, or remove it` : `${service.algorithm} takes no settings: remove it`,
        });
      }
      continue;
    }
    const problem = settingProblem(s.value, rule);
    if (problem) out.push({ path: s.path, message: `${s.name} ${problem}, got "${s.value}"`, fix: rule.values ? `use one of ${rule.values.join(', ')}` : `give ${describe(rule)}, or leave it out for the default` });
  }
  return out;
}

/** What is wrong with `value` under `rule` ("must be …"), or undefined. */
function settingProblem(value: string, rule: SettingRule): string | undefined {
  if (rule.none && value === 'None') return undefined;
  if (rule.parse === 'enum') return rule.values!.includes(value) ? undefined : `must be one of ${rule.values!.join(', ')}`;
  const n = PARSERS[rule.parse](value);
  return n === undefined || (rule.ok && !rule.ok(n)) ? `must be ${describe(rule)}` : undefined;
}

function describe(rule: SettingRule): string {
  const what = rule.parse === 'int' || rule.parse === 'go-int' ? 'a whole number' : 'a number';
  return rule.range ? `${what} ${rule.range}` : what;
}

/** Named ranges, each with its words and its test. */
export const AT_LEAST_0 = { range: '≥ 0', ok: (n: number) => n >= 0 } as const;
export const AT_LEAST_1 = { range: '≥ 1', ok: (n: number) => n >= 1 } as const;
export const ABOVE_0 = { range: '> 0', ok: (n: number) => n > 0 } as const;
