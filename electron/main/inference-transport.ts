import { utilityProcess } from 'electron';
import { join, resolve } from 'node:path';
import type { HostMessage } from '../inference-host/protocol.ts';
import { inferenceHostEnv, type HostTransport } from '../services/inference-client.ts';
import { bundledModelsDir } from '../services/inference/registry.ts';

/**
 * The inference host as an Electron utilityProcess: the bundled dist/electron/inference-host.mjs beside
 * main.mjs (electron/cli/build.ts). The host reads process.parentPort; its messages arrive as structured
 * clones, so Float32Array tensors cross as binary.
 */
export function utilityInferenceHost(): HostTransport {
  const child = utilityProcess.fork(join(import.meta.dirname, 'inference-host.mjs'), [], {
    serviceName: 'Delineate inference',
    stdio: ['ignore', 'ignore', 'pipe'],
    env: inferenceHostEnv(),
  });
  // stdout is not read, so it is not piped (a full pipe would stall the host); the last lines of stderr go
  // into the exit reason, so a crash says why (onnxruntime's message).
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-4000)));
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message) => listener(message as HostMessage)),
    onExit: (listener) => child.on('exit', (code) => listener(`inference host exited (${code})${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`)),
    close: () => child.kill(),
  };
}

/** Bundled models: extraResources' native-models/ in a packaged app (build/electron-builder.config.cjs), the project's otherwise. */
export function appModelsDir(isPackaged: boolean): string {
  return isPackaged ? join(process.resourcesPath, 'native-models') : bundledModelsDir();
}

/** The user models folder: `--models-dir <folder>`, as the CLI takes it; null when not given. */
export function userModelsDir(argv: readonly string[]): string | null {
  const at = argv.indexOf('--models-dir');
  return at >= 0 && argv[at + 1] ? resolve(argv[at + 1]!) : null;
}
