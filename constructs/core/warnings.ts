import { IConstruct } from 'constructs';
import { Finding } from '../../manifest';
import { Stack } from './stack';

const WARNING = 'cdk8s-kubeflow:warning';

/** A problem that does not stop synth but that the user should see (printed in synth's summary). */
export interface ConstructWarning {
  readonly constructPath: string;
  readonly field: string;
  readonly message: string;
  readonly fix: string;
}

/** Records a warning on `scope`; `synth` prints every warning in its summary. @internal */
export function warn(scope: IConstruct, field: string, message: string, fix: string): void {
  const w: ConstructWarning = { constructPath: scope.node.path, field, message, fix };
  // Checks may run more than once (e.g. on each candidate state); a warning is recorded once.
  const same = (m: { type: string; data: unknown }) => m.type === WARNING && JSON.stringify(m.data) === JSON.stringify(w);
  if (!scope.node.metadata.some(same)) scope.node.addMetadata(WARNING, w, { stackTrace: false });
}

/**
 * Records that `namespace`, which this app does not create, needs the label `key=value`. One
 * problem with one fix, however many constructs need the label (every Experiment of the
 * namespace, every `Tenant.fromName` handle of it): so it is recorded once per stack,
 * namespace and label, on the stack. @internal
 */
export function warnNamespaceLabel(scope: IConstruct, namespace: string, key: string, value: string): void {
  warn(Stack.of(scope), `namespaces.${namespace}.labels.${key}`,
    `namespace "${namespace}" needs the label ${key}=${value}, and this app does not create the namespace, so it cannot set the label`,
    `label it where it is managed: kubectl label namespace ${namespace} ${key}=${value} (a Tenant defined in this app labels the namespace it creates)`);
}

/** A warning as a finding of the `construct` rule, as synth reports it. @internal */
export function warningFinding(w: ConstructWarning): Finding {
  return { severity: 'warning', rule: 'construct', resource: w.constructPath, path: w.field, message: w.message, fix: w.fix };
}

/** Every warning recorded under `root`, in construct-tree order. */
export function collectWarnings(root: IConstruct): ConstructWarning[] {
  return root.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === WARNING).map((m) => m.data as ConstructWarning));
}
