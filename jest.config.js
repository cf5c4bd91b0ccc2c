// Two projects: `unit` (no cluster) and `cluster` (one real kube-apiserver + etcd per run,
// started by test/cluster/global-setup.ts). `npm test` runs both; `npm run test:unit` only
// the first. Type-checking happens once in `npm run build` (tsc); jest only transpiles
// (tsconfig's isolatedModules), which keeps start-up fast for files that import large
// generated classes.
module.exports = {
  // A global option in jest 29 (not per project); cluster tests wait for a real API server.
  testTimeout: 60_000,
  // Two workers, also on 2 cores (jest's default there is one): most files wait on child
  // processes or the API server much of the time, so a warm `npm test` takes ~3 instead of
  // ~5.5 minutes; a worker peaks at ~1.5 GB. Test files run side by side, the cluster tests on
  // the one shared API server, so each file keeps to namespaces and names of its own and checks
  // only what it made (test/cluster/object-state.ts). `npx jest -w <n>` overrides this.
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': 'ts-jest' },
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/', '/.cache/', '\\.cluster\\.test\\.ts$', '/test/cluster/'],
      modulePathIgnorePatterns: ['<rootDir>/lib/', '<rootDir>/.cache/'],
      // The package's own name, as stacks/, examples/ and README snippets import it (tsconfig `paths` for tsc).
      moduleNameMapper: { '^cdk8s-kubeflow$': '<rootDir>/constructs/index.ts' },
      setupFilesAfterEnv: ['<rootDir>/test/scratch-tmpdir.ts'],
    },
    '<rootDir>/test/cluster/jest.config.js',
  ],
};
