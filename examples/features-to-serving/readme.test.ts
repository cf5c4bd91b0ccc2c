import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeBlocks, linesNotIn } from '../../test/readme-section';

// The example's README: its snippet is main.ts as written.
const README = readFileSync(join(__dirname, 'README.md'), 'utf8');

describe('features-to-serving example README', () => {
  test('its snippet is main.ts, line for line', () => {
    expect(codeBlocks(README, 'ts')).toHaveLength(1);
    expect(linesNotIn(codeBlocks(README, 'ts'), join(__dirname, 'main.ts'))).toEqual([]);
  });
});
