// Type-checking happens once in `npm run build` (tsc); jest only transpiles, which keeps
// test start-up fast even for files that import the large generated L1 classes.
const transform = { '^.+\\.ts$': 'ts-jest' };
const common = {
  testEnvironment: 'node',
  transform,
  testPathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/', '/.cache/'],
  modulePathIgnorePatterns: ['<rootDir>/lib/', '<rootDir>/.cache/'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.test.ts'], testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.cluster\\.test\\.ts$', '/test/cluster/'] },
  ],
};
