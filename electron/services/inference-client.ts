import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { ProviderProbe } from '../inference-host/providers.ts';
import { appRoot } from './app-meta.ts';

/**
 * Asks a fresh inference host (a child process running electron/inference-host/entry.ts) which execution
 * providers load here. Used by `delineate doctor`; the app keeps one long-lived host instead.
 */
export function probeProvidersInChild(timeoutMs = 60_000): Promise<ProviderProbe[]> {
  const entry = join(appRoot(), 'electron', 'inference-host', 'entry.ts');
  const child = fork(entry, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  return new Promise<ProviderProbe[]>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`inference host did not answer within ${timeoutMs} ms`)), timeoutMs);
    const finish = (error: Error | null, probes?: ProviderProbe[]) => {
      clearTimeout(timer);
      child.kill();
      if (error) reject(error);
      else resolve(probes!);
    };
    child.on('message', (message: { ready?: boolean; id?: number; ok?: boolean; output?: ProviderProbe[] }) => {
      if (message.ready) child.send({ type: 'probe', id: 1 });
      else if (message.id === 1 && message.ok) finish(null, message.output);
    });
    child.on('exit', (code) => finish(new Error(`inference host exited (${code}): ${stderr.trim().split('\n').at(-1) ?? ''}`)));
  });
}
