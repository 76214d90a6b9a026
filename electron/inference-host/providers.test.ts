import { describe, expect, it } from 'vitest';
import { probeProviders } from './providers.ts';

describe('probeProviders', () => {
  it('runs a real ONNX session on the CPU and reports every provider with a reason when it does not load', async () => {
    const probes = await probeProviders();
    expect(probes.map((p) => p.provider)).toEqual(['cuda', 'webgpu', 'cpu']);
    expect(probes.find((p) => p.provider === 'cpu')).toEqual({ provider: 'cpu', loads: true });
    for (const probe of probes.filter((p) => !p.loads)) expect(probe.reason).toBeTruthy();
  });
});
