import { register } from 'prom-client';
import { createMetrics } from './metrics';

describe('createMetrics', () => {
  test('objects by stack, sync and health; combinations that went to zero disappear; a forgotten stack has no series', async () => {
    const m = createMetrics();
    m.observeRows('dev', [{ sync: 'Synced', health: 'Healthy' }, { sync: 'Synced', health: 'Healthy' }, { sync: 'Missing', health: 'Missing' }]);
    m.observeRows('prod', [{ sync: 'Synced', health: 'Healthy' }]);
    let text = await m.registry.metrics();
    expect(text).toContain('cdk8s_kubeflow_objects{stack="dev",sync="Synced",health="Healthy"} 2');
    expect(text).toContain('cdk8s_kubeflow_objects{stack="dev",sync="Missing",health="Missing"} 1');
    m.observeRows('dev', [{ sync: 'Synced', health: 'Healthy' }]);
    text = await m.registry.metrics();
    expect(text).toContain('cdk8s_kubeflow_objects{stack="dev",sync="Synced",health="Healthy"} 1');
    expect(text).not.toContain('sync="Missing"');
    m.forgetStack('dev');
    text = await m.registry.metrics();
    expect(text).not.toContain('stack="dev"');
    expect(text).toContain('cdk8s_kubeflow_objects{stack="prod",sync="Synced",health="Healthy"} 1');
  });

  test('transitions, watch restarts, relists, reconcile durations and leadership', async () => {
    const m = createMetrics();
    m.countTransitions('dev', [{ reason: 'JobFailed' }, { reason: 'JobFailed' }, { reason: 'ModelReady' }]);
    m.watchRestarted('kubeflow.org/PyTorchJob', 'watchdog');
    m.relisted('kubeflow.org/PyTorchJob');
    const seconds = m.startReconcile('dev')();
    m.setLeader(true);
    const text = await m.registry.metrics();
    expect(text).toContain('cdk8s_kubeflow_transitions_total{stack="dev",reason="JobFailed"} 2');
    expect(text).toContain('cdk8s_kubeflow_transitions_total{stack="dev",reason="ModelReady"} 1');
    expect(text).toContain('cdk8s_kubeflow_watch_restarts_total{kind="kubeflow.org/PyTorchJob",reason="watchdog"} 1');
    expect(text).toContain('cdk8s_kubeflow_relists_total{kind="kubeflow.org/PyTorchJob"} 1');
    expect(text).toContain('cdk8s_kubeflow_reconcile_duration_seconds_count{stack="dev"} 1');
    expect(text).toContain('cdk8s_kubeflow_leader 1');
    expect(seconds).toBeGreaterThanOrEqual(0);
    expect(m.registry.contentType).toMatch(/^text\/plain/);
  });

  test('each instance has its own registry, and nothing lands in the global one', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.setLeader(true);
    expect(await b.registry.metrics()).toContain('cdk8s_kubeflow_leader 0');
    expect(register.getSingleMetric('cdk8s_kubeflow_leader')).toBeUndefined();
  });
});
