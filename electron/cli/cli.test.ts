import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { appRoot } from '../services/app-meta.ts';

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
    };
    expect(report.node).toBe(process.version);
    expect(typeof report.electron.installed).toBe('boolean');
    expect(report.onnxruntime.loading).toContain('cpu');
    expect(report.onnxruntime.providers.map((p) => p.provider)).toEqual(['cuda', 'webgpu', 'cpu']);
    expect(report.chromium === null || report.chromium.startsWith('/')).toBe(true);
  });

  it('exits 2 with the usage on an unknown command', async () => {
    await expect(delineate('frobnicate')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command "frobnicate"') });
  });
});
