import { EnvValue, renderEnv } from './env';

const names = (env: Parameters<typeof renderEnv>[0]) => renderEnv(env)?.map((e) => e.name);

describe('renderEnv', () => {
  test('sorts by name, whatever the insertion order', () => {
    expect(names({ B: '1', A: '2', C: EnvValue.fromSecret('s', 'k') })).toEqual(['A', 'B', 'C']);
    expect(renderEnv({})).toBeUndefined();
  });

  test('puts a variable after those it references as $(NAME), which the kubelet expands only when defined earlier', () => {
    const env = {
      DMLC_PS_ROOT_URI: '$(TRAIN_JOB_NAME)-scheduler-0-0.$(TRAIN_JOB_NAME)',
      TRAIN_JOB_NAME: EnvValue.fromFieldPath("metadata.labels['jobset.sigs.k8s.io/jobset-name']"),
      A_URL: 'http://$(DMLC_PS_ROOT_URI):9091',
      Z: 'z',
    };
    expect(names(env)).toEqual(['TRAIN_JOB_NAME', 'DMLC_PS_ROOT_URI', 'A_URL', 'Z']);
  });

  test('leaves the sorted order for $$(NAME) escapes, unknown names and cycles (one reference stays unexpanded, as in Kubernetes)', () => {
    expect(names({ A: '$$(Z)', Z: '1' })).toEqual(['A', 'Z']);
    expect(names({ A: '$(NOT_SET)', B: '1' })).toEqual(['A', 'B']);
    expect(names({ A: '$(B)', B: '$(A)', C: '1' })).toEqual(['B', 'A', 'C']);
    expect(names({ A: '$(A)' })).toEqual(['A']);
  });
});
