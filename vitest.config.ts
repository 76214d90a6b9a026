import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// No test may touch the user's own data root (~/.delineate): a test record appended to the real audit log
// would corrupt its hash chain for good, and workspaces there are real work. Every test process gets a fresh
// folder instead, even when DELINEATE_DATA_DIR is set (a developer's own setting may point at real work). A
// test that needs a folder of its own still sets one. Removed when vitest exits.
const testDataDir = mkdtempSync(join(tmpdir(), 'delineate-test-data-'));
process.once('exit', () => rmSync(testDataDir, { recursive: true, force: true }));

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    env: { DELINEATE_DATA_DIR: testDataDir },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: the ONNX, ESLint and CLI tests each start real processes.
    maxWorkers: 2,
  },
});
