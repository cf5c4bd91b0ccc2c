// The cluster jest project (`npm run test:cluster`, part of `npm test`). One real kube-apiserver
// + etcd is started per run by global-setup.ts (the first run builds the binaries, see
// scripts/test-binaries.sh) and shared by all test files through CDK8S_KUBEFLOW_TEST_KUBECONFIG.
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '..', '..'),
  displayName: 'cluster',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' }, // as the root jest.config.js
  testMatch: ['<rootDir>/test/cluster/**/*.test.ts', '<rootDir>/**/*.cluster.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/', '/.cache/'],
  modulePathIgnorePatterns: ['<rootDir>/lib/', '<rootDir>/.cache/'],
  // The package's own name, as stacks/, examples/ and README snippets import it (tsconfig `paths` for tsc).
  moduleNameMapper: { '^cdk8s-kubeflow$': '<rootDir>/constructs/index.ts' },
  setupFilesAfterEnv: ['<rootDir>/test/scratch-tmpdir.ts'],
  globalSetup: '<rootDir>/test/cluster/global-setup.ts',
  globalTeardown: '<rootDir>/test/cluster/global-teardown.ts',
};
