import type { ProviderProbe } from '../inference-host/providers.ts';
import { probeProvidersInChild } from '../services/inference-client.ts';
import { bundledModelsDir, ModelRegistry } from '../services/inference/registry.ts';
import { userModelsFolder } from './models-folder.ts';
import { chromiumPath, electronRuntime } from './runtimes.ts';

export interface DoctorReport {
  node: string;
  platform: string;
  electron: { installed: boolean; version: string | null; path: string | null };
  onnxruntime: { providers: ProviderProbe[]; loading: string[] } | { error: string };
  chromium: string | null;
  /** The models the app would list: bundled ones, those of the user models folder (settings), rejected folders. */
  models: { userFolder: string | null; bundled: string[]; user: string[]; rejected: { dir: string; reason: string }[] };
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
    models: await modelsReport(),
  };
}

async function modelsReport(): Promise<DoctorReport['models']> {
  const userFolder = await userModelsFolder(null);
  const { models, rejected } = await new ModelRegistry({ bundled: bundledModelsDir(), user: userFolder }).scan();
  const ids = (source: string) => models.filter((m) => m.source === source).map((m) => m.manifest.id);
  return { userFolder, bundled: ids('bundled'), user: ids('user'), rejected: rejected.map(({ dir, reason }) => ({ dir, reason })) };
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
  const { models } = report;
  lines.push(`Models             bundled: ${models.bundled.join(', ') || 'none'}`);
  lines.push(`  your folder      ${models.userFolder ? `${models.userFolder}: ${models.user.join(', ') || 'no models'}` : 'none chosen (model panel, or --models-dir)'}`);
  for (const r of models.rejected) lines.push(`  not loaded       ${r.dir}: ${r.reason}`);
  return lines.join('\n');
}
