import type { ProviderProbe } from '../inference-host/providers.ts';
import { probeProvidersInChild } from '../services/inference-client.ts';
import { chromiumPath, electronRuntime } from './runtimes.ts';

export interface DoctorReport {
  node: string;
  platform: string;
  electron: { installed: boolean; version: string | null; path: string | null };
  onnxruntime: { providers: ProviderProbe[]; loading: string[] } | { error: string };
  chromium: string | null;
}

export async function doctorReport(): Promise<DoctorReport> {
  const electron = electronRuntime();
  let onnxruntime: DoctorReport['onnxruntime'];
  try {
    const providers = await probeProvidersInChild();
    onnxruntime = { providers, loading: providers.filter((p) => p.loads).map((p) => p.provider) };
  } catch (error) {
    onnxruntime = { error: error instanceof Error ? error.message : String(error) };
  }
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    electron: { installed: electron !== null, version: electron?.version ?? null, path: electron?.path ?? null },
    onnxruntime,
    chromium: chromiumPath(),
  };
}

export function formatDoctor(report: DoctorReport): string {
  const lines = [
    `Node.js            ${report.node} (${report.platform})`,
    `Electron runtime   ${report.electron.installed ? `${report.electron.version} at ${report.electron.path}` : 'not installed (npm start uses the browser host)'}`,
  ];
  if ('error' in report.onnxruntime) lines.push(`onnxruntime        failed to start: ${report.onnxruntime.error}`);
  else {
    lines.push(`onnxruntime        providers that load: ${report.onnxruntime.loading.join(', ') || 'none'}`);
    for (const probe of report.onnxruntime.providers) {
      lines.push(`  ${probe.provider.padEnd(8)} ${probe.loads ? 'loads' : `no: ${probe.reason}`}`);
    }
  }
  lines.push(`Chromium           ${report.chromium ?? 'not found (set CHROME_PATH)'}`);
  return lines.join('\n');
}
