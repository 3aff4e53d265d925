// @ts-check
import tseslint from 'typescript-eslint';

// Child processes run with an argument array (execFile/spawn/fork), never through a shell string.
const noShell = {
  name: 'child_process',
  importNames: ['exec', 'execSync'],
  message: 'Use execFile/spawn with an argument array; never a shell string.',
};
const noShellNode = { ...noShell, name: 'node:child_process' };
// The core is pure and runs under plain Node: the editor API belongs to src/extension alone.
const noVscode = {
  name: 'vscode',
  message: 'src/core, src/cli and src/heavy never import vscode; put editor glue in src/extension.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'examples/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noShell, noShellNode] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='shell'][value.value=true]",
          message: 'Never spawn through a shell: pass an argument array.',
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/heavy/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noShell, noShellNode, noVscode] }] },
  },
);
