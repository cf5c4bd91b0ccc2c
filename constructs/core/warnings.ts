import { IConstruct } from 'constructs';

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
  scope.node.addMetadata(WARNING, w, { stackTrace: false });
}

/** Every warning recorded under `root`, in construct-tree order. */
export function collectWarnings(root: IConstruct): ConstructWarning[] {
  return root.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === WARNING).map((m) => m.data as ConstructWarning));
}
