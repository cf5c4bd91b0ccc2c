// Every DSL feature against the real kfp compiler: each `testdata/twins/<name>.ts` pipeline has a
// Python twin `<name>.py`; kfp (pinned in tools/kfp/requirements.txt, installed once per user)
// compiles the twins and our compiler must produce the same IR and platform spec after
// `normalizeKfpOutput` (documented in the README's "Pipelines" section).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { compileTwins } from '../../test/kfp';
import { compilePipeline, pipelineYaml } from './compile';
import { normalizeKfpOutput } from './testdata/normalize';

const TWINS = path.join(__dirname, 'testdata/twins');
const names = fs.readdirSync(TWINS).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
let kfp: Map<string, string>;

beforeAll(() => {
  kfp = compileTwins(TWINS);
}, 300_000);

test('every TypeScript twin has a Python twin and the other way round', () => {
  const py = fs.readdirSync(TWINS).filter((f) => f.endsWith('.py')).map((f) => f.replace(/\.py$/, '')).sort();
  expect(py).toEqual(names);
});

test.each(names)('%s: our IR equals the kfp compiler\'s', (name) => {
  // Through the YAML file we write (pipelineYaml), as kfp's is read from the file it writes.
  const ours = parseAllDocuments(pipelineYaml(compilePipeline(require(path.join(TWINS, name)).pipeline))).map((d) => d.toJS());
  const theirs = parseAllDocuments(fs.readFileSync(kfp.get(name)!, 'utf8')).map((d) => d.toJS());
  expect(normalizeKfpOutput(ours)).toEqual(normalizeKfpOutput(theirs));
});
