import { placeholdersIn, TrialMetadata } from './trial-parameter';

describe('trial parameters', () => {
  test('placeholders are found as Katib\'s regex finds them, each once, in order', () => {
    expect(placeholdersIn('--lr=${trialParameters.lr} --m=${trialParameters.momentum} ${trialParameters.lr} ${trialSpec.Name}')).toEqual(['lr', 'momentum']);
  });

  test('trial metadata: fixed names, labels and annotations by key, decoded back from a placeholder name', () => {
    expect(TrialMetadata.NAME.ref).toBe('${trialParameters.trialName}');
    expect(TrialMetadata.label('team')).toMatchObject({ name: 'trialLabels[team]', reference: '${trialSpec.Labels[team]}' });
    expect(TrialMetadata.fromName('trialAnnotations[a/b]')?.reference).toBe('${trialSpec.Annotations[a/b]}');
    expect(TrialMetadata.fromName('trialKind')).toBe(TrialMetadata.KIND);
    expect(TrialMetadata.fromName('lr')).toBeUndefined();
    expect(['trialAPIVersion', 'trialLabels[x]', 'trial'].map((n) => TrialMetadata.isReserved(n))).toEqual([true, true, false]);
  });
});
