// ESLint (flat config): typescript-eslint's recommended rules and one import order, on every
// source folder. Syntax rules only (no type information), so it runs in seconds in `npm test`.
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'lib/', 'dist/', 'cdk8s.out/', 'coverage/', '.cache/', 'constructs/wire/', 'test/fixtures/apps/syntax-error.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    rules: {
      // Node built-ins, packages, then ours from far to near; alphabetical within each group.
      'import-x/order': ['error', {
        groups: ['builtin', 'external', 'parent', 'sibling', 'index'],
        // The package's own name (stacks/, examples/) is imported as a user would: with the packages.
        pathGroups: [{ pattern: 'cdk8s-kubeflow', group: 'external' }],
        pathGroupsExcludedImportTypes: [],
        'newlines-between': 'never',
        alphabetize: { order: 'asc', caseInsensitive: true },
      }],
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Kubernetes objects are open-ended JSON: tests and parsers index into them freely.
      '@typescript-eslint/no-explicit-any': 'off',
      'eqeqeq': ['error', 'always'],
      // `interface IFoo extends IResource {}` names a reference type, as aws-cdk does.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
