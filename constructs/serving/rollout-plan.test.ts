import { policyFindings } from '../../test/policy';
import { expectSchemaValid } from '../../test/schema';
import { constructError, manifest, testStack } from '../../test/util';
import { Release } from '../core';
import { DeploymentMode } from './deployment-mode';
import { InferenceService } from './inference-service';
import { ModelFormat } from './model-format';
import { RolloutPlan } from './rollout-plan';
import { StorageUri } from './storage-uri';

const v1 = { format: ModelFormat.pytorch(), storageUri: StorageUri.s3('models/resnet/v1') };
const v2 = { format: ModelFormat.pytorch(), storageUri: StorageUri.s3('models/resnet/v2') };
const plan = RolloutPlan.of(10, 50, 100);

describe('RolloutPlan', () => {
  test('Knative: one manifest per stage; the last stage drops the canary', () => {
    const specs = [0, 1, 2].map((stage) => {
      const stack = testStack({ namespace: 'team', release: Release.NEWEST });
      new InferenceService(stack, 'resnet', { predictor: { model: v2 }, rollout: { plan, stage } });
      expectSchemaValid(stack);
      return manifest(stack, 'InferenceService').spec;
    });
    expect(specs.map((s) => s.predictor.canaryTrafficPercent)).toEqual([10, 50, undefined]);
    expect(specs.every((s) => s.predictor.model.storageUri === 's3://models/resnet/v2')).toBe(true);
  });

  test('Standard: the candidate runs as a named canary, then is promoted to the predictor under its name', () => {
    const stage = (n: number) => {
      const stack = testStack({ namespace: 'team', release: Release.NEWEST });
      new InferenceService(stack, 'resnet', {
        deploymentMode: DeploymentMode.STANDARD,
        predictor: { name: 'v1', model: v1, autoscaling: { minReplicas: 2, maxReplicas: 4 } },
        rollout: { plan, stage: n, candidate: { name: 'v2', model: v2 } },
      });
      expectSchemaValid(stack);
      return manifest(stack, 'InferenceService').spec;
    };
    expect(stage(0).canary).toEqual([{ predictor: expect.objectContaining({ name: 'v2' }), trafficPercent: 10 }]);
    expect(stage(1).canary[0].trafficPercent).toBe(50);
    const promoted = stage(2);
    expect(promoted.canary).toBeUndefined();
    // KServe's promotion: "set predictor.name to the canary name and remove the canary entry".
    expect(promoted.predictor).toMatchObject({ name: 'v2', minReplicas: 2, maxReplicas: 4, model: expect.objectContaining({ storageUri: 's3://models/resnet/v2' }) });
  });

  test.each([
    [RolloutPlan.of(100), 0, 'rollout.plan', 'has 1 stage(s)'],
    [RolloutPlan.of(10, 50), 0, 'rollout.plan', 'ends at 50%; the last stage must be 100%'],
    [RolloutPlan.of(50, 10, 100), 0, 'rollout.plan', 'stage 1 (10%) does not increase on stage 0 (50%)'],
    [RolloutPlan.of(10, 150, 100), 0, 'rollout.plan', 'stage 1 is 150%'],
    [plan, 3, 'rollout.stage', '3 is not a stage of the plan (0–2)'],
    [plan, -1, 'rollout.stage', '-1 is not a stage of the plan'],
  ])('rejects %j at stage %d', (p, stage, field, problem) => {
    const e = constructError(() => new InferenceService(testStack({ namespace: 'team', release: Release.NEWEST }), 'resnet', { predictor: { model: v2 }, rollout: { plan: p, stage } }));
    expect(e.field).toBe(field);
    expect(e.problem).toContain(problem);
  });

  test.each([0, 2])('a rollout belongs to one mode: a Knative rollout names no candidate; Standard needs one (stage %d)', (stage) => {
    let e = constructError(() => new InferenceService(testStack({ namespace: 'team', release: Release.NEWEST }), 'resnet', { predictor: { model: v2 }, rollout: { plan, stage, candidate: { name: 'v2', model: v2 } } }));
    expect([e.field, e.problem]).toEqual(['rollout.candidate', expect.stringContaining('in Knative mode the predictor as written is the candidate')]);
    e = constructError(() => new InferenceService(testStack({ namespace: 'team', release: Release.NEWEST }), 'resnet', { deploymentMode: DeploymentMode.STANDARD, predictor: { model: v1 }, rollout: { plan, stage } }));
    expect([e.field, e.problem]).toEqual(['rollout.candidate', expect.stringContaining('Standard mode has no revisions to split traffic between')]);
  });

  test('a canary stage\'s candidate is checked at synth like any canary; the promotion stage keeps the predictor\'s name', () => {
    const build = (stage: number) => {
      const stack = testStack({ namespace: 'team', release: Release.NEWEST });
      new InferenceService(stack, 'resnet', { deploymentMode: DeploymentMode.STANDARD, predictor: { name: 'v1', model: v1 }, rollout: { plan, stage, candidate: { name: 'v1', model: v2 } } });
      return stack;
    };
    expect(policyFindings(build(0), 'kserve/').map((f) => [f.rule, f.construct, f.path, f.message])).toEqual([
      ['kserve/canary-specs', 'test/resnet', '.spec.canary[0].predictor.name', 'canary predictor.name "v1" conflicts with stable predictor name'],
    ]);
    expect(policyFindings(build(2), 'kserve/')).toEqual([]);
  });

  test.each([0, 2])('the candidate loads another storage URI than the predictor, or KServe rejects the promotion (stage %d)', (stage) => {
    const e = constructError(() => new InferenceService(testStack({ namespace: 'team', release: Release.NEWEST }), 'resnet', {
      deploymentMode: DeploymentMode.STANDARD, predictor: { name: 'v1', model: v1 }, rollout: { plan, stage, candidate: { name: 'v2', model: { ...v1, runtimeVersion: '0.12.0' } } },
    }));
    expect([e.field, e.problem]).toEqual(['rollout.candidate.model.storageUri', expect.stringContaining('is the predictor\'s (s3://models/resnet/v1), so KServe would reject the promotion stage')]);
    // Both without a storage URI are the same too.
    const llm = { format: ModelFormat.huggingface(), args: ['--model_id=org/llm'] };
    const e2 = constructError(() => new InferenceService(testStack({ namespace: 'team', release: Release.NEWEST }), 'llm', {
      deploymentMode: DeploymentMode.STANDARD, predictor: { name: 'a', model: llm }, rollout: { plan, stage, candidate: { name: 'b', model: { ...llm, args: ['--model_id=org/llm-2'] } } },
    }));
    expect([e2.field, e2.problem]).toEqual(['rollout.candidate.model.storageUri', expect.stringContaining('is the predictor\'s (none)')]);
  });

  test('rollout and canary are exclusive', () => {
    const e = constructError(() => new InferenceService(testStack({ namespace: 'team', release: Release.NEWEST }), 'resnet', { predictor: { model: v2 }, canary: { trafficPercent: 5 }, rollout: { plan, stage: 0 } }));
    expect([e.field, e.problem]).toEqual(['rollout', 'is set together with canary']);
    const svc = new InferenceService(testStack({ namespace: 'team', release: Release.NEWEST }), 'r2', { predictor: { model: v2 }, rollout: { plan, stage: 0 } });
    expect(constructError(() => svc.addCanary({ trafficPercent: 5 })).field).toBe('rollout');
  });

  test('length and promotion stage', () => {
    expect(plan.length).toBe(3);
    expect(plan.promotionStage).toBe(2);
    expect(plan.steps).toEqual([10, 50, 100]);
  });
});
