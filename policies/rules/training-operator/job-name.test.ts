import { ruleFindings } from '../../../test/policy';
import { job, replica } from '../../../test/training-manifests';

const jax = (name: string) => job('JAXJob', { Worker: replica(2, 'jax') }, {}, name);

describe('training-operator/job-name', () => {
  test.each([
    ['1job', 'it must start with a lowercase letter', 'job'],
    ['my.job', 'it may contain only lowercase letters, digits and "-"', 'my-job'],
    ['Train', 'it must start with a lowercase letter', 'train'],
    ['j'.repeat(64), 'it has 64 characters, and at most 63 are allowed', 'j'.repeat(63)],
  ])('rejects "%s"', (name, problem, suggested) => {
    expect(ruleFindings('training-operator/job-name', jax(name))).toEqual([expect.objectContaining({
      severity: 'error', path: '.metadata.name', message: `"${name}" is not a valid DNS-1035 label: ${problem}`, fix: `rename the job, e.g. "${suggested}"`,
    })]);
  });

  test('accepts a DNS-1035 label; MPIJob has no webhook to check it', () => {
    expect(ruleFindings('training-operator/job-name', jax('llm-finetune-2'))).toEqual([]);
    expect(ruleFindings('training-operator/job-name', job('MPIJob', { Launcher: replica(1, 'mpi') }, {}, '1mpi'))).toEqual([]);
  });
});
