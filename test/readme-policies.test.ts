import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { Stack } from 'cdk8s-kubeflow';
import { parse } from 'yaml';
import { checkPolicies, synthesize } from '../cli/synthesize';
import { readPolicyFile } from '../policies/config-file';
import { codeBlocks, linesNotIn, readmeSection } from './readme-section';

// The README's "Policies and rules" configuration examples are valid configurations, the same
// in TypeScript and in YAML, and the plugin's cdk8s.yaml entry names what the package ships.
const SECTION = readmeSection('Policies and rules');
const yamlBlocks = [...SECTION.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

test('the TypeScript configuration is a valid one (no unknown rule or parameter)', () => {
  const app = new App();
  new Stack(app, 'prod', {
    policies: {
      rules: {
        'platform/image-registry': { params: { registries: ['ghcr.io/acme', 'nvcr.io'] } },
        'platform/required-labels': { severity: 'warning', params: { labels: ['team', 'cost-centre'] } },
        'platform/quota-fit': 'error',
        'kserve/predictor-runtime-exists': 'off',           // our runtimes are installed by another repo
      },
    },
  });
  expect(linesNotIn(codeBlocks(SECTION, 'ts'), __filename)).toEqual([]);
  // The stack is empty: any finding would be about the configuration itself (policy/unknown-rule, …).
  expect(checkPolicies(synthesize(app)).findings).toEqual([]);
});

test('the YAML policy file reads as the same rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'readme-policies-'));
  try {
    const file = join(dir, 'policies.yaml');
    writeFileSync(file, yamlBlocks[0]);
    expect(readPolicyFile(file)).toEqual({ rules: {
      'platform/image-registry': { params: { registries: ['ghcr.io/acme', 'nvcr.io'] } },
      'platform/quota-fit': 'error',
      'kserve/predictor-runtime-exists': 'off',
    } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the plugin entry names the compiled plugin and its class', () => {
  const [entry] = parse(yamlBlocks[1]).validations;
  expect(entry.package).toBe('./node_modules/cdk8s-kubeflow/lib/policies/cdk8s-plugin.js');
  expect(require(join(__dirname, '..', 'policies', 'cdk8s-plugin'))[entry.class]).toBeDefined();
  expect(Object.keys(entry.properties)).toEqual(['policies', 'failOn']);
});
