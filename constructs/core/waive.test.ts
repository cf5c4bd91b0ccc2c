import { App, Duration } from 'cdk8s';
import { checkPolicies, synthesize } from '../../cli/synthesize';
import { policyFindings } from '../../test/policy';
import { PyTorchJob } from '../training';
import { Stack } from './stack';

function jobWithTtl() {
  const stack = new Stack(new App(), 'dev', { namespace: 'ml' });
  const job = new PyTorchJob(stack, 'Train', { worker: { image: 'ghcr.io/acme/train:1.0' }, runPolicy: { ttlAfterFinished: Duration.hours(1) } });
  return { stack, job };
}

describe('Resource.waive', () => {
  test('a waived rule is listed, not reported, with the construct path, reason and expiry', () => {
    const { stack, job } = jobWithTtl();
    expect(policyFindings(stack).map((f) => f.rule)).toEqual(['platform/ttl-gitops']);
    job.waive('platform/ttl-gitops', 'Argo CD ignores this job (IgnoreExtraneous)', '2999-12-31');
    expect(job.apiObject.toJson().metadata.annotations['cdk8s-kubeflow.io/waivers'])
      .toBe('[{"rule":"platform/ttl-gitops","reason":"Argo CD ignores this job (IgnoreExtraneous)","expires":"2999-12-31"}]');
    const report = checkPolicies(synthesize(stack.node.root as App));
    expect(report.findings).toEqual([]);
    expect(report.waived).toEqual([{
      finding: expect.objectContaining({ rule: 'platform/ttl-gitops', construct: 'dev/Train' }),
      waiver: { rule: 'platform/ttl-gitops', reason: 'Argo CD ignores this job (IgnoreExtraneous)', expires: '2999-12-31' },
    }]);
  });

  test('an expired waiver, or one of a rule that does not exist, is an error at synth', () => {
    const { stack, job } = jobWithTtl();
    job.waive('platform/ttl-gitops', 'temporary', '2000-01-31');
    job.waive('platform/no-such-rule' as never, 'typo', '2999-12-31');
    expect(policyFindings(stack).map((f) => `${f.rule} ${f.construct}: ${f.message}`)).toEqual([
      'policy/waiver-expired dev/Train: the waiver of platform/ttl-gitops expired on 2000-01-31 ("temporary")',
      'policy/waiver-invalid dev/Train: waives "platform/no-such-rule", which is not a rule',
      'platform/ttl-gitops dev/Train: the job is deleted 1 hour after it finishes; Argo CD then sees it missing and, with auto-sync, creates it again, so it runs again',
    ]);
  });
});
