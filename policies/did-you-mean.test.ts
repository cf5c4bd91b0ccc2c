import { closest } from './did-you-mean';

describe('closest', () => {
  test.each([
    ['contianers', ['containers', 'command'], 'containers'],
    ['limit', ['limits', 'requests'], 'limits'],
    ['lables', ['labels', 'annotations'], 'labels'],
    ['ServiceAccountName', ['serviceAccountName'], 'serviceAccountName'],
    ['dta', ['data', 'binaryData'], 'data'],
    ['gpu', ['cpu', 'memory'], undefined],
    ['replicas', ['image', 'command'], undefined],
  ])('%s → %s', (word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });
});
