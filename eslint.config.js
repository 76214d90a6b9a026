// Lint rules, above all the layering of ARCHITECTURE.md: folders name where code runs, and an import
// that crosses a layer the wrong way fails `npm test` (proved by electron/layering.test.ts).
import { builtinModules } from 'node:module';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

// A rule is a set of exact module names (`paths`) and path patterns (`patterns`); exact names keep a bare
// 'electron' rule from also matching a relative '../electron/...' path.
const forbid = (names, patterns, message) => ({
  paths: names.map((name) => ({ name, message })),
  patterns: patterns.length ? [{ group: patterns, message }] : [],
});

const noNode = forbid(builtinModules.filter((m) => !m.startsWith('_')), ['node:*'], 'Node built-ins run on the main side only (electron/services).');
const noElectron = forbid(['electron'], [], 'Only electron/main and electron/preload may import electron.');
const noSvelte = forbid(['svelte'], ['svelte/*'], 'Svelte belongs to renderer/.');
const noVtk = forbid(['@kitware/vtk.js'], ['@kitware/vtk.js/**'], 'vtk.js belongs to renderer/.');
const noOnnx = forbid([], ['onnxruntime-*', 'onnxruntime-*/**'], 'Only electron/inference-host may import onnxruntime.');
const noWs = forbid(['ws'], [], 'The WebSocket server belongs to electron/web-host.');
const noRendererCode = forbid([], ['**/renderer/**'], 'renderer/ code runs in the page; import core/ instead.');
const noElectronCode = forbid([], ['**/electron/**'], 'electron/ code runs on the main side; import core/ instead.');

const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'HTMLElement'].map((name) => ({
  name,
  message: 'No DOM outside renderer/.',
}));

const restrict = (rules, extraPaths = []) => ({
  'no-restricted-imports': [
    'error',
    { paths: [...rules.flatMap((r) => r.paths), ...extraPaths], patterns: rules.flatMap((r) => r.patterns) },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', '.device-kit/**', 'node_modules/**', 'native-models/**', 'test-results/**', 'playwright-report/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: {
      ...restrict([noNode, noElectron, noSvelte, noVtk, noOnnx, noWs, noRendererCode, noElectronCode]),
      'no-restricted-globals': ['error', ...domGlobals, { name: 'process', message: 'core/ is pure.' }, { name: 'Buffer', message: 'core/ is pure: use Uint8Array.' }],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/web-host/**/*.ts', 'electron/cli/**/*.ts', 'bench/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { ...restrict([noElectron, noSvelte, noVtk, noOnnx, noRendererCode]), 'no-restricted-globals': ['error', ...domGlobals] },
  },
  {
    files: ['electron/inference-host/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { ...restrict([noElectron, noSvelte, noVtk, noRendererCode]), 'no-restricted-globals': ['error', ...domGlobals] },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      ...restrict([noSvelte, noVtk, noOnnx, noRendererCode], [
        { name: 'electron', importNames: ['ipcRenderer', 'contextBridge'], message: 'ipcRenderer belongs to electron/preload.' },
      ]),
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    // Only register.ts may hold ipcMain: every channel goes through its checks.
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/register.ts', '**/*.test.ts'],
    rules: {
      ...restrict([noSvelte, noVtk, noOnnx, noRendererCode], [
        { name: 'electron', importNames: ['ipcMain', 'ipcRenderer', 'contextBridge'], message: 'ipcMain is used only in electron/main/register.ts.' },
      ]),
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      ...restrict([noNode, noSvelte, noVtk, noOnnx, noWs, noRendererCode], [
        { name: 'electron', importNames: ['ipcMain'], message: 'ipcMain belongs to electron/main/register.ts.' },
      ]),
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    // electron-builder loads its config and hooks with require(): these files are CommonJS on purpose.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    ignores: ['renderer/vite.config.ts', '**/*.test.ts'],
    rules: restrict([noNode, noElectron, noOnnx, noWs, noElectronCode]),
  },
);
