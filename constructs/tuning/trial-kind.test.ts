import { TrialKind } from './trial-kind';

describe('TrialKind', () => {
  test('follows Katib\'s defaults: Complete for Job and TrainJob, Succeeded for the training-operator jobs', () => {
    expect(TrialKind.of('batch/v1', 'Job')?.successCondition).toBe('status.conditions.#(type=="Complete")#|#(status=="True")#');
    expect(TrialKind.of('kubeflow.org/v1', 'PyTorchJob')?.successCondition).toBe('status.conditions.#(type=="Succeeded")#|#(status=="True")#');
    expect(TrialKind.of('trainer.kubeflow.org/v1alpha1', 'TrainJob')?.failureCondition).toBe('status.conditions.#(type=="Failed")#|#(status=="True")#');
    expect(TrialKind.TRAIN_JOB.primaryPodLabels).toEqual({ 'jobset.sigs.k8s.io/replicatedjob-name': 'node', 'batch.kubernetes.io/job-completion-index': '0' });
    // Katib defaults only a trialSpec's primary pod: a ConfigMap template of these kinds gets the same from here.
    expect([TrialKind.PYTORCH_JOB, TrialKind.TF_JOB, TrialKind.XGBOOST_JOB, TrialKind.MPI_JOB].map((k) => k.primaryPodLabels))
      .toEqual(Array(4).fill({ 'training.kubeflow.org/job-role': 'master' }));
    expect([TrialKind.JOB, TrialKind.PADDLE_JOB, TrialKind.JAX_JOB].map((k) => k.primaryPodLabels)).toEqual([undefined, undefined, undefined]);
    expect(TrialKind.of('kubeflow.org/v1', 'Notebook')).toBeUndefined();
  });

  test('knows which kinds katib-config watches by default, and names them as trialResources does', () => {
    const kinds = [TrialKind.JOB, TrialKind.PYTORCH_JOB, TrialKind.TF_JOB, TrialKind.XGBOOST_JOB, TrialKind.MPI_JOB, TrialKind.PADDLE_JOB, TrialKind.JAX_JOB, TrialKind.TRAIN_JOB];
    expect(kinds.filter((k) => k.watchedByDefault).map((k) => k.trialResource)).toEqual([
      'Job.v1.batch', 'PyTorchJob.v1.kubeflow.org', 'TFJob.v1.kubeflow.org', 'XGBoostJob.v1.kubeflow.org', 'MPIJob.v1.kubeflow.org', 'TrainJob.v1alpha1.trainer.kubeflow.org',
    ]);
    expect(TrialKind.custom({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', successCondition: 's', failureCondition: 'f' }).watchedByDefault).toBe(false);
  });
});
