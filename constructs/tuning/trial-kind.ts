import { TrainJob } from '../training';

/**
 * A kind of job a trial can run, with the conditions Katib reads to see that it succeeded or
 * failed (gjson paths into the job's status), and the pod labels of its primary pod when the
 * kind has a fixed one. The built-in kinds follow Katib's defaults (DefaultJobSuccessCondition
 * and friends in kubeflow/katib pkg/apis/controller/experiments/v1beta1/constants.go).
 */
export class TrialKind {
  /** A Kubernetes `batch/v1` Job. */
  public static readonly JOB = new TrialKind('batch/v1', 'Job', condition('Complete'), condition('Failed'), true);
  /**
   * Kubeflow Trainer v1 (training-operator) jobs: `Succeeded` / `Failed` conditions, and the
   * primary pod the operator labels `training.kubeflow.org/job-role: master` (its rank-0 pod).
   */
  public static readonly PYTORCH_JOB = TrialKind.trainingV1('PyTorchJob', true);
  public static readonly TF_JOB = TrialKind.trainingV1('TFJob', true);
  public static readonly XGBOOST_JOB = TrialKind.trainingV1('XGBoostJob', true);
  public static readonly MPI_JOB = TrialKind.trainingV1('MPIJob', true);
  /**
   * Not in Katib's default `trialResources`: the Katib controller must be configured to watch it.
   * No primary pod either (the operator labels every Paddle master, and none without one).
   */
  public static readonly PADDLE_JOB = TrialKind.trainingV1('PaddleJob', false);
  /** Not in Katib's default `trialResources`: the Katib controller must be configured to watch it. No primary pod either. */
  public static readonly JAX_JOB = TrialKind.trainingV1('JAXJob', false);
  /** A Kubeflow Trainer v2 TrainJob: `Complete` / `Failed`; the primary pod is node 0 of the `node` step. */
  public static readonly TRAIN_JOB = new TrialKind('trainer.kubeflow.org/v1alpha1', 'TrainJob', condition('Complete'), condition('Failed'), true,
    // Katib's DefaultTrainJobPrimaryPodLabels are the TrainJob's own.
    { ...TrainJob.PRIMARY_POD_LABELS });

  /**
   * Any other kind (an Argo Workflow, a Tekton PipelineRun, …), with its conditions. Katib's
   * controller must be configured to watch it (katib-config `trialResources`).
   */
  public static custom(props: { apiVersion: string; kind: string; successCondition: string; failureCondition: string; primaryPodLabels?: Record<string, string> }): TrialKind {
    return new TrialKind(props.apiVersion, props.kind, props.successCondition, props.failureCondition, false, props.primaryPodLabels);
  }

  /** The built-in kind of `apiVersion`/`kind`, if there is one. */
  public static of(apiVersion: string, kind: string): TrialKind | undefined {
    return builtIn().find((k) => k.apiVersion === apiVersion && k.kind === kind);
  }

  /** Katib defaults and watches its "Kubeflow job kinds" alike (KubeflowJobKinds, DefaultKubeflowJobPrimaryPodLabels). */
  private static trainingV1(kind: string, katibDefault: boolean): TrialKind {
    return new TrialKind('kubeflow.org/v1', kind, condition('Succeeded'), condition('Failed'), katibDefault,
      katibDefault ? { 'training.kubeflow.org/job-role': 'master' } : undefined);
  }

  private constructor(
    public readonly apiVersion: string,
    public readonly kind: string,
    /** gjson path that is non-empty once the job succeeded. */
    public readonly successCondition: string,
    /** gjson path that is non-empty once the job failed. */
    public readonly failureCondition: string,
    /** True when Katib's default config (`trialResources` in katib-config.yaml) watches this kind. */
    public readonly watchedByDefault: boolean,
    /** Labels of the primary pod when the kind fixes them. */
    public readonly primaryPodLabels?: Record<string, string>,
  ) {}

  /** `Kind.version.group`, as katib-config's `trialResources` lists it. */
  public get trialResource(): string {
    const [group, version] = this.apiVersion.includes('/') ? this.apiVersion.split('/') : ['', this.apiVersion];
    return [this.kind, version, group].filter((x) => x).join('.');
  }
}

function condition(type: string): string {
  return `status.conditions.#(type=="${type}")#|#(status=="True")#`;
}

function builtIn(): TrialKind[] {
  return [TrialKind.JOB, TrialKind.PYTORCH_JOB, TrialKind.TF_JOB, TrialKind.XGBOOST_JOB, TrialKind.MPI_JOB, TrialKind.PADDLE_JOB, TrialKind.JAX_JOB, TrialKind.TRAIN_JOB];
}
