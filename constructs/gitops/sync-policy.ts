import { IConstruct } from 'constructs';
import { checkCount, fail, field as join } from '../core';
import { ApplicationSyncPolicy, ManagedNamespaceMetadata, Retry } from '../wire/argoproj-io';

/** How Argo CD deletes an object's dependents when it prunes it (`PrunePropagationPolicy`). */
export enum PropagationPolicy {
  FOREGROUND = 'foreground',
  BACKGROUND = 'background',
  ORPHAN = 'orphan',
}

/**
 * The sync options Argo CD v3 knows, each with the values it accepts
 * (argo-cd docs/user-guide/sync-options.md; gitops-engine pkg/sync/common/types.go).
 */
const KNOWN: Readonly<Record<string, readonly string[]>> = {
  Validate: ['false', 'true'],
  CreateNamespace: ['true', 'false'],
  PruneLast: ['true', 'false'],
  ApplyOutOfSyncOnly: ['true', 'false'],
  PrunePropagationPolicy: Object.values(PropagationPolicy),
  Replace: ['true', 'false'],
  Force: ['true', 'false'],
  ServerSideApply: ['true', 'false'],
  FailOnSharedResource: ['true', 'false'],
  RespectIgnoreDifferences: ['true', 'false'],
  Prune: ['false', 'confirm', 'true'],
  Delete: ['false', 'confirm', 'true'],
  SkipDryRunOnMissingResource: ['true', 'false'],
  ClientSideApplyMigration: ['true', 'false'],
};

/**
 * One Argo CD sync option (`Key=value`), for an Application's `syncPolicy.syncOptions` or an
 * object's `argocd.argoproj.io/sync-options` annotation. The factories cover the options
 * Argo CD v3 documents; `SyncOption.of('Key=value')` checks a string against them, and
 * `SyncOption.unchecked()` passes one this list does not know yet.
 */
export class SyncOption {
  /** Server-side apply instead of client-side `kubectl apply` (no last-applied annotation, field ownership). */
  public static serverSideApply(): SyncOption { return new SyncOption('ServerSideApply', 'true'); }
  /** Keep fields of `ignoreDifferences` as they are in the cluster when syncing, too (not only when comparing). */
  public static respectIgnoreDifferences(): SyncOption { return new SyncOption('RespectIgnoreDifferences', 'true'); }
  /** Create the Application's destination namespace if missing. */
  public static createNamespace(): SyncOption { return new SyncOption('CreateNamespace', 'true'); }
  /** Prune after every wave has been applied and is healthy. */
  public static pruneLast(): SyncOption { return new SyncOption('PruneLast', 'true'); }
  /** Apply only the objects that are out of sync (large applications). */
  public static applyOutOfSyncOnly(): SyncOption { return new SyncOption('ApplyOutOfSyncOnly', 'true'); }
  /** How pruning deletes dependents. */
  public static prunePropagationPolicy(policy: PropagationPolicy): SyncOption { return new SyncOption('PrunePropagationPolicy', policy); }
  /** `kubectl replace` (or `create`) instead of apply. An update all the same: immutable fields still refuse it (see `recreate()`). */
  public static replace(): SyncOption { return new SyncOption('Replace', 'true'); }
  /** With `replace()`: delete and re-create the object (`Force=true,Replace=true`), which is what changes an immutable field. */
  public static force(): SyncOption { return new SyncOption('Force', 'true'); }
  /** Fail the sync when an object is already managed by another Application. */
  public static failOnSharedResource(): SyncOption { return new SyncOption('FailOnSharedResource', 'true'); }
  /** Skip kubectl's schema validation. */
  public static skipValidation(): SyncOption { return new SyncOption('Validate', 'false'); }
  /** Skip the dry run of objects whose CRD is not installed yet (created by an earlier wave). */
  public static skipDryRunOnMissingResource(): SyncOption { return new SyncOption('SkipDryRunOnMissingResource', 'true'); }
  /** Never prune the object (`Prune=false`), or only after confirmation (`Prune=confirm`). */
  public static noPrune(confirm = false): SyncOption { return new SyncOption('Prune', confirm ? 'confirm' : 'false'); }
  /** Keep the object when its Application is deleted (`Delete=false`), or only after confirmation. */
  public static noDelete(confirm = false): SyncOption { return new SyncOption('Delete', confirm ? 'confirm' : 'false'); }

  /**
   * A sync option from its text, checked against the options Argo CD v3 documents: an unknown
   * key or value is an error at `field` (so a typo does not silently do nothing).
   */
  public static of(text: string): SyncOption {
    const [key, value] = splitOption(text);
    return new SyncOption(key, value);
  }

  /** A `Key=value` option this list does not know (a newer Argo CD's); only its shape is checked. */
  public static unchecked(text: string): SyncOption {
    const [key, value] = splitOption(text);
    return new SyncOption(key, value, true);
  }

  private constructor(
    /** The option's key, e.g. `ServerSideApply`. */
    public readonly key: string,
    /** Its value, e.g. `true`. */
    public readonly value: string,
    private readonly escape = false,
  ) {}

  /** Checks the option for `scope`: a known key and value, unless made with `unchecked()`. @internal */
  public _validate(scope: IConstruct, field: string): void {
    if (!/^[A-Za-z]+$/.test(this.key) || this.value === '' || /[\s,]/.test(this.value)) {
      fail(scope, field, `"${this}" is not a sync option: Argo CD expects Key=value, without spaces or commas`, 'write e.g. "ServerSideApply=true", or use a factory such as SyncOption.serverSideApply()');
    }
    if (this.escape) return;
    const values = KNOWN[this.key];
    if (!values) {
      const near = Object.keys(KNOWN).find((k) => k.toLowerCase() === this.key.toLowerCase());
      fail(scope, field, `"${this}" is not a sync option Argo CD v3 knows`,
        near ? `did you mean "${near}=${this.value}"? (keys are case-sensitive)` : `use one of ${Object.keys(KNOWN).join(', ')}, or SyncOption.unchecked("${this}") for an option of a newer Argo CD`);
    }
    if (!values.includes(this.value)) fail(scope, field, `"${this}": ${this.key} takes ${values.join(' or ')}`, `write ${this.key}=${values[0]}`);
  }

  /** `Key=value`. */
  public toString(): string {
    return `${this.key}=${this.value}`;
  }
}

function splitOption(text: string): [string, string] {
  const eq = text.indexOf('=');
  return eq === -1 ? [text, ''] : [text.slice(0, eq), text.slice(eq + 1)];
}

/** Automated sync: Argo CD syncs whenever git or the cluster drifts. */
export interface AutomatedSyncProps {
  /** Delete objects that are no longer in git. @default true */
  readonly prune?: boolean;
  /** Undo changes made in the cluster (re-sync when the live state drifts). @default true */
  readonly selfHeal?: boolean;
  /** Allow a sync that would prune every object (an empty folder). @default false */
  readonly allowEmpty?: boolean;
}

/** Retrying a failed sync, with exponential backoff. */
export interface RetryProps {
  /** Attempts; -1 retries forever. @default 5 */
  readonly limit?: number;
  /** The first wait, a Go duration (`5s`, `1m30s`; a bare number is seconds). @default '5s' */
  readonly backoffDuration?: string;
  /** Each wait is the previous one times this (a whole number ≥ 1, as Argo CD's CRD types it). @default 2 */
  readonly backoffFactor?: number;
  /** The longest wait, a Go duration. @default '3m' */
  readonly backoffMaxDuration?: string;
}

/** When and how Argo CD syncs an Application. */
export interface SyncPolicyProps {
  /**
   * Sync automatically whenever git or the cluster drifts: `true` (prune and self-heal) or the
   * details. Left out or `false`, syncs are manual, as in Argo CD (an Application someone writes
   * by hand does not start changing the cluster unasked).
   * @default false
   */
  readonly automated?: boolean | AutomatedSyncProps;
  /** @default - none */
  readonly syncOptions?: readonly SyncOption[];
  /** Retry failed syncs. `false` for none. @default - 5 attempts, 5 s doubling up to 3 min */
  readonly retry?: false | RetryProps;
  /** Labels and annotations of the destination namespace Argo CD creates (with `SyncOption.createNamespace()`). @default - none */
  readonly managedNamespaceMetadata?: ManagedNamespaceMetadata;
}

/** Go's `time.ParseDuration` syntax, or a bare number of seconds (Argo CD's backoff accepts both). */
const GO_DURATION = /^(\d+|(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+)$/;

/** Checks a Go duration string. @internal */
export function checkGoDuration(scope: IConstruct, field: string, d: string): string {
  if (!GO_DURATION.test(d) || !/[1-9]/.test(d)) {
    fail(scope, field, `"${d}" is not a positive Go duration`, 'write e.g. "5s", "2m" or "1h30m" (units ns, us, ms, s, m, h; no spaces)');
  }
  return d;
}

/** Checks and renders a sync policy (`field` is its prop path). @internal */
export function renderSyncPolicy(scope: IConstruct, field: string, props: SyncPolicyProps = {}): ApplicationSyncPolicy {
  const automated = props.automated ?? false;
  const auto = automated === false ? undefined : automated === true ? {} : automated;
  if (auto?.allowEmpty && auto.prune === false) fail(scope, join(field, 'automated.allowEmpty'), 'has no effect without prune', 'set prune: true, or leave allowEmpty out');
  const options = props.syncOptions ?? [];
  options.forEach((o, i) => o._validate(scope, join(field, `syncOptions[${i}]`)));
  const keys = options.map((o) => o.key);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) fail(scope, join(field, 'syncOptions'), `sets ${dup} twice`, `keep one ${dup}=…`);
  return {
    automated: auto && { prune: auto.prune ?? true, selfHeal: auto.selfHeal ?? true, ...(auto.allowEmpty ? { allowEmpty: true } : {}) },
    syncOptions: options.length ? options.map(String) : undefined,
    retry: props.retry === false ? undefined : renderRetry(scope, join(field, 'retry'), props.retry ?? {}),
    managedNamespaceMetadata: props.managedNamespaceMetadata,
  };
}

function renderRetry(scope: IConstruct, field: string, r: RetryProps): Retry {
  const limit = r.limit ?? 5;
  if (limit !== -1) checkCount(scope, join(field, 'limit'), limit, 1, 'give a number of attempts ≥ 1, or -1 to retry forever, or retry: false for none');
  const factor = checkCount(scope, join(field, 'backoffFactor'), r.backoffFactor ?? 2, 1, 'give a whole factor ≥ 1, e.g. 2 (Argo CD types it as an integer)');
  const duration = checkGoDuration(scope, join(field, 'backoffDuration'), r.backoffDuration ?? '5s');
  const maxDuration = checkGoDuration(scope, join(field, 'backoffMaxDuration'), r.backoffMaxDuration ?? '3m');
  if (seconds(maxDuration) < seconds(duration)) fail(scope, join(field, 'backoffMaxDuration'), `${maxDuration} is shorter than the first wait ${duration}`, `make it at least ${duration}`);
  return { limit, backoff: { duration, factor, maxDuration } };
}

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** A checked Go duration in seconds. */
function seconds(d: string): number {
  if (/^\d+$/.test(d)) return Number(d);
  return [...d.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)].reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_SECONDS[unit], 0);
}
