import { Construct } from 'constructs';
import { constructError, testStack } from '../../test/util';
import { checkName, maxNameLength, NameRule, resourceName, suggestName } from './names';

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

  test('a derived name leaves room for what controllers derive from it; an explicit one too long is explained', () => {
    const stack = testStack();
    const derived = [{ suffix: '-worker-11', by: 'the operator names a pod and Service' }];
    expect(maxNameLength({ rule: NameRule.LABEL_1035, derived })).toBe(53);
    expect(resourceName(new Construct(stack, 'A'.repeat(60)), undefined, { rule: NameRule.LABEL_1035, derived })).toBe('a'.repeat(53));
    const e = constructError(() => resourceName(new Construct(stack, 'X'), 'b'.repeat(54), { rule: NameRule.LABEL_1035, derived }));
    expect(e.problem).toBe(`"${'b'.repeat(54)}" is too long: the operator names a pod and Service "${'b'.repeat(54)}-worker-11" (64 characters), and at most 63 are allowed`);
    expect(e.fix).toBe(`shorten the name to at most 53 characters, e.g. "${'b'.repeat(53)}"`);
    expect(maxNameLength({ rule: NameRule.LABEL_1035, maxLength: 40, derived })).toBe(40);
  });
});
