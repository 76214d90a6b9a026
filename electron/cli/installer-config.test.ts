import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot } from '../services/app-meta.ts';
import packageJson from '../../package.json' with { type: 'json' };

const root = appRoot();
const require = createRequire(join(root, 'package.json'));
const config = require('./build/electron-builder.config.cjs');
const { pruneOnnxRuntime } = require('./build/prune-native.cjs');

describe('installer configuration (electron-builder)', () => {
  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The validator does reject what electron-builder does not know.
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, targets: ['deb'] } }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('points package.json main at the bundle the build writes, and ships the models and the sample as resources', () => {
    expect(packageJson.main).toBe('dist/electron/main.mjs');
    expect(config.files).toContain('dist/**');
    const models = config.extraResources.find((r: { to: string }) => r.to === 'native-models');
    expect(models.filter).toEqual(expect.arrayContaining(['*/model.onnx', '*/model.json']));
    expect(config.asarUnpack).toContain('node_modules/onnxruntime-node/**');
    expect(config.afterPack).toBe('build/prune-native.cjs');
  });

  describe('afterPack keeps only the target platform onnxruntime binaries', () => {
    const work = mkdtempSync(join(tmpdir(), 'delineate-prune-'));
    afterAll(() => rmSync(work, { recursive: true, force: true }));
    // Hard links of the real package: its real layout, no 290 MB copy.
    const copy = (name: string) => {
      const dir = join(work, name);
      execFileSync('cp', ['-al', join(root, 'node_modules', 'onnxruntime-node'), dir]);
      return dir;
    };
    const kept = (dir: string) =>
      readdirSync(join(dir, 'bin'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(join(dir, 'bin').length + 1))
        .sort();

    it('linux x64: only linux/x64 stays, with the real native library', () => {
      const dir = copy('linux');
      const removed = pruneOnnxRuntime(dir, 'linux', 'x64');
      expect(removed.length).toBeGreaterThanOrEqual(4);
      const files = kept(dir);
      expect(files.length).toBeGreaterThan(0);
      expect(files.every((f) => /^napi-v\d+\/linux\/x64\//.test(f))).toBe(true);
      expect(statSync(join(dir, 'bin', 'napi-v6', 'linux', 'x64', 'libonnxruntime.so.1')).size).toBeGreaterThan(10 << 20);
    });

    it('win32 x64 and darwin arm64 keep their own folder only', () => {
      for (const [platform, arch] of [['win32', 'x64'], ['darwin', 'arm64']] as const) {
        const dir = copy(`${platform}-${arch}`);
        pruneOnnxRuntime(dir, platform, arch);
        const files = kept(dir);
        expect(files.length).toBeGreaterThan(0);
        expect(files.every((f) => f.includes(`/${platform}/${arch}/`))).toBe(true);
        expect(existsSync(join(dir, 'bin', 'napi-v6', 'linux'))).toBe(false);
      }
    });
  });
});
