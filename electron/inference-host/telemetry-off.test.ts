import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('telemetry-off', () => {
  it('keeps onnxruntime from storing telemetry when a process imports the host modules without the variable set', () => {
    const home = mkdtempSync(join(tmpdir(), 'machine-home-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
      delete env.ORT_DISABLE_TELEMETRY;
      // A fresh process: onnxruntime creates its environment once per process, at the first session (the probe's).
      const script = `const { probeProviders } = await import(${JSON.stringify(new URL('./providers.ts', import.meta.url).href)});
        const probes = await probeProviders();
        if (!probes.at(-1).loads) throw new Error('the CPU provider did not load');`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env, encoding: 'utf8' });
      expect(child.status, child.stderr).toBe(0);
      // With telemetry on, onnxruntime 1.30 makes .cache/Microsoft/DeveloperTools/.onnxruntime (device id, event queue).
      expect(readdirSync(home, { recursive: true })).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
