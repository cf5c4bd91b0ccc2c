import { IConstruct } from 'constructs';
import { EnvVar } from '../wire/core';
import { fail, field as join } from './errors';

/** The value of an environment variable: a literal, or a reference resolved by the kubelet. */
export class EnvValue {
  static fromValue(value: string): EnvValue {
    return new EnvValue({ value });
  }
  /** A key of a Secret in the pod's namespace. */
  static fromSecret(secretName: string, key: string, options: { optional?: boolean } = {}): EnvValue {
    return new EnvValue({ valueFrom: { secretKeyRef: { name: secretName, key, ...options } } });
  }
  /** A key of a ConfigMap in the pod's namespace. */
  static fromConfigMap(configMapName: string, key: string, options: { optional?: boolean } = {}): EnvValue {
    return new EnvValue({ valueFrom: { configMapKeyRef: { name: configMapName, key, ...options } } });
  }
  /** A field of the pod, e.g. `metadata.name`, `status.podIP`. */
  static fromFieldPath(fieldPath: string): EnvValue {
    return new EnvValue({ valueFrom: { fieldRef: { fieldPath } } });
  }
  private constructor(private readonly source: Omit<EnvVar, 'name'>) {}

  /** @internal */
  public _render(name: string): EnvVar {
    return { name, ...this.source };
  }
}

/** Env vars as a map (sorted on output, so the manifest does not depend on insertion order). */
export type EnvMap = Record<string, EnvValue | string>;

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Throws unless every name in `env` is one the API server accepts. @internal */
export function checkEnv(scope: IConstruct, field: string, env: EnvMap | undefined): void {
  for (const key of Object.keys(env ?? {})) {
    if (!ENV_NAME.test(key)) {
      fail(scope, join(field, key), `"${key}" is not a valid environment variable name`, 'use letters, digits, "_", "-" and ".", not starting with a digit');
    }
  }
}

/** `$(NAME)` references in a value (`$$` escapes a `$`), as the kubelet expands them. */
const ENV_REFERENCE = /\$\$|\$\(([-._a-zA-Z][-._a-zA-Z0-9]*)\)/g;

/**
 * Sorted by name, except that a variable comes after those its value references as `$(NAME)`:
 * the kubelet expands a reference only to a variable defined earlier in the list. @internal
 */
export function renderEnv(env: EnvMap | undefined): EnvVar[] | undefined {
  if (!env || Object.keys(env).length === 0) return undefined;
  const rendered = new Map(Object.keys(env).sort().map((name): [string, EnvVar] => {
    const v = env[name];
    return [name, typeof v === 'string' ? { name, value: v } : v._render(name)];
  }));
  const ordered: EnvVar[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    const variable = rendered.get(name);
    if (!variable || placed.has(name) || visiting.has(name)) return; // in a cycle, one reference stays unexpanded, as in Kubernetes
    visiting.add(name);
    for (const m of (variable.value ?? '').matchAll(ENV_REFERENCE)) if (m[1]) visit(m[1]);
    placed.add(name);
    ordered.push(variable);
  };
  for (const name of rendered.keys()) visit(name);
  return ordered;
}
