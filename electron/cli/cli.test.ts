import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { appRoot } from '../services/app-meta.ts';
import { writeTissueClickModel } from '../services/inference/testing/user-models.ts';
import { volumeProcessEnv } from '../services/process-env.ts';
import { relaunchForVolumes } from './runtimes.ts';

const run = promisify(execFile);
const bin = join(appRoot(), 'electron', 'cli', 'bin.mjs');
const delineate = (...args: string[]) => run(process.execPath, [bin, ...args], { cwd: appRoot(), timeout: 60_000 });

describe('delineate CLI', () => {
  it('prints its version and help', async () => {
    expect((await delineate('--version')).stdout.trim()).toBe(packageJson.version);
    const help = (await delineate('--help')).stdout;
    for (const command of ['start', 'doctor', 'build', 'bench']) expect(help).toContain(`delineate ${command}`);
  });

  it('doctor --json reports Node, Electron, the providers that really load, and Chromium', async () => {
    const report = JSON.parse((await delineate('doctor', '--json')).stdout) as {
      node: string;
      electron: { installed: boolean };
      onnxruntime: { loading: string[]; providers: { provider: string; loads: boolean }[] };
      chromium: string | null;
      models: { bundled: string[]; user: string[]; userFolder: string | null };
    };
    expect(report.node).toBe(process.version);
    expect(report.models.bundled).toEqual(['delineate.click3d-ct']);
    expect(typeof report.electron.installed).toBe('boolean');
    expect(report.onnxruntime.loading).toContain('cpu');
    expect(report.onnxruntime.providers.map((p) => p.provider)).toEqual(['cuda', 'webgpu', 'cpu']);
    expect(report.chromium === null || report.chromium.startsWith('/')).toBe(true);
  });

  it('doctor and the model commands read the models folder chosen in the app (settings.json)', async () => {
    const data = mkdtempSync(join(tmpdir(), 'cli-settings-'));
    try {
      const folder = join(data, 'models');
      writeTissueClickModel(folder, 'tissue', 1);
      writeFileSync(join(data, 'settings.json'), JSON.stringify({ annotator: 'tester', modelsDir: folder }));
      const env = { ...process.env, DELINEATE_DATA_DIR: data };
      const report = JSON.parse((await run(process.execPath, [bin, 'doctor', '--json'], { cwd: appRoot(), timeout: 60_000, env })).stdout) as { models: { userFolder: string; user: string[] } };
      expect(report.models).toMatchObject({ userFolder: folder, user: ['test.tissue-click-1'] });
      const listed = (await run(process.execPath, [bin, 'models', '--json'], { cwd: appRoot(), timeout: 60_000, env })).stdout;
      expect(listed).toContain('test.tissue-click-1');
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });

  it('exits 2 with the usage on an unknown command', async () => {
    await expect(delineate('frobnicate')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command "frobnicate"') });
  });
});

describe('volume commands in a huge-page child', () => {
  it('relaunches only volume-building commands, and only from a process without the tunable', () => {
    const saved = process.env.GLIBC_TUNABLES;
    try {
      process.env.GLIBC_TUNABLES = 'glibc.malloc.hugetlb=1';
      expect(relaunchForVolumes(['rtstruct', 'export'])).toBeNull();
      delete process.env.GLIBC_TUNABLES;
      expect(relaunchForVolumes(['start'])).toBeNull();
      expect(relaunchForVolumes(['doctor'])).toBeNull();
      expect(volumeProcessEnv().GLIBC_TUNABLES).toBe(process.platform === 'linux' ? 'glibc.malloc.hugetlb=1' : undefined);
    } finally {
      if (saved === undefined) delete process.env.GLIBC_TUNABLES;
      else process.env.GLIBC_TUNABLES = saved;
    }
  });

  it("passes the child's output and exit status through", async () => {
    const run = await promisify(execFile)(process.execPath, [bin, 'scan', join(appRoot(), 'resources', 'sample'), '--json'], { env: { ...process.env, GLIBC_TUNABLES: '' } });
    expect((JSON.parse(run.stdout) as { series: unknown[] }).series.length).toBeGreaterThan(0);
    const failed = await promisify(execFile)(process.execPath, [bin, 'rtstruct', 'nonsense'], { env: { ...process.env, GLIBC_TUNABLES: '' } }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringMatching(/usage: delineate rtstruct/) });
  });
});
