import { RuleId, Severity } from './findings';

/**
 * How a stack (or `validate --policies <file>`) configures the policy rules: per rule, off, another
 * severity, or parameters. Rules not named keep their defaults (admission, CEL and runtime rules on;
 * platform policies off until configured).
 */
export interface PolicyConfig {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
}

/** `'off'`, a severity, or `{ severity?, params? }` (enabling a rule that is off by default). */
export type RuleSetting = 'off' | Severity | { readonly severity?: Severity | 'off'; readonly params?: Readonly<Record<string, unknown>> };

/** A waiver on one object: the rule's findings on it are not reported (but listed) until it expires. */
export interface Waiver {
  readonly rule: RuleId;
  /** Why the object may break the rule; shown in the report. */
  readonly reason: string;
  /** The last day the waiver holds, `YYYY-MM-DD`; after it, the waiver itself is an error. */
  readonly expires: string;
}
