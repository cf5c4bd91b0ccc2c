import { Construct } from 'constructs';
import { checkName, claimIdentity, NameRule, resourceName, suggestName } from './names';
import { constructError, testStack } from '../../test/util';
import { Testing } from 'cdk8s';
import { Stack } from './stack';

describe('names', () => {
  test('derives readable names from construct ids', () => {
    expect(suggestName('TeamA')).toBe('team-a');
    expect(suggestName('gpu_lab 2')).toBe('gpu-lab-2');
    expect(suggestName('--x--')).toBe('x');
    const stack = testStack();
    expect(resourceName(new Construct(stack, 'GpuLab'), undefined)).toBe('gpu-lab');
    expect(resourceName(new Construct(stack, 'Other'), 'explicit-name')).toBe('explicit-name');
  });

  test.each([
    ['Bad_Name', NameRule.SUBDOMAIN, 'is not a valid DNS-1123 subdomain'],
    ['a.b', NameRule.LABEL, 'is not a valid DNS-1123 label'],
    ['1abc', NameRule.LABEL_1035, 'is not a valid DNS-1035 label'],
    ['x'.repeat(64), NameRule.LABEL, 'is 64 characters long; at most 63 are allowed here'],
  ])('%s is not a valid %s', (name, rule, problem) => {
    const e = constructError(() => checkName(testStack(), 'name', name, rule));
    expect(e.field).toBe('name');
    expect(e.problem).toContain(problem);
    expect(e.fix).toMatch(/^rename it|^shorten it/);
  });

  test('a tighter maximum length is enforced', () => {
    expect(constructError(() => checkName(testStack(), 'name', 'a'.repeat(53), NameRule.LABEL, 52)).problem).toContain('at most 52');
  });

  test('the same identity twice in one stack is an error naming the first owner', () => {
    const stack = testStack();
    claimIdentity(new Construct(stack, 'A'), 'kubeflow.org/Notebook', 'team', 'lab');
    claimIdentity(new Construct(stack, 'B'), 'kubeflow.org/Notebook', 'other', 'lab');
    claimIdentity(new Construct(stack, 'C'), 'core/PersistentVolumeClaim', 'team', 'lab');
    const e = constructError(() => claimIdentity(new Construct(stack, 'D'), 'kubeflow.org/Notebook', 'team', 'lab'));
    expect(e.message).toBe('test/D: name: kubeflow.org/Notebook team/lab is already defined by test/A\n  fix: give one of them a different construct id or an explicit name');
  });

  test('one construct emitting the same identity twice is an error too', () => {
    const stack = testStack();
    const a = new Construct(stack, 'A');
    claimIdentity(a, 'core/PersistentVolumeClaim', 'team', 'data');
    expect(constructError(() => claimIdentity(a, 'core/PersistentVolumeClaim', 'team', 'data')).problem).toBe('core/PersistentVolumeClaim team/data is emitted twice by this construct');
  });

  test('different stacks may reuse an identity', () => {
    const app = Testing.app();
    claimIdentity(new Construct(new Stack(app, 'dev'), 'A'), 'kubeflow.org/Profile', undefined, 'team');
    expect(() => claimIdentity(new Construct(new Stack(app, 'prod'), 'A'), 'kubeflow.org/Profile', undefined, 'team')).not.toThrow();
  });
});
