import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from '../services/app-meta.ts';

const root = appRoot();
export const rendererDist = join(root, 'dist', 'renderer');
export const electronDist = join(root, 'dist', 'electron');

/** Builds the renderer with Vite into dist/renderer. */
export async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
}

/** esbuild settings every Node-side bundle shares. */
export const nodeBundle = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' } as const;

/** ESM bundles have no require/__dirname; the WASM codec packages' loaders use both. */
export const esmShims = {
  js: [
    "import { createRequire as __cr } from 'node:module';",
    "import { fileURLToPath as __fu } from 'node:url';",
    "import { dirname as __dn } from 'node:path';",
    'const require = __cr(import.meta.url);',
    'const __filename = __fu(import.meta.url);',
    'const __dirname = __dn(__filename);',
  ].join(' '),
};

/**
 * Bundles Electron's main (ESM) with its decode worker, the preload (CommonJS: a sandboxed preload cannot
 * load modules) and the inference host into dist/electron. onnxruntime-node stays external: it loads native libraries.
 */
export async function buildElectron(): Promise<void> {
  const { build } = await import('esbuild');
  await Promise.all([
    build({
      ...nodeBundle,
      entryPoints: {
        main: join(root, 'electron', 'main', 'main.ts'),
        'decode-worker': join(root, 'electron', 'services', 'decode-pool', 'decode-worker.ts'),
      },
      outExtension: { '.js': '.mjs' },
      format: 'esm',
      outdir: electronDist,
      external: ['electron', 'onnxruntime-node'],
      banner: esmShims,
    }),
    build({
      ...nodeBundle,
      entryPoints: { preload: join(root, 'electron', 'preload', 'preload.ts') },
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      outdir: electronDist,
      external: ['electron'],
    }),
    build({
      ...nodeBundle,
      entryPoints: { 'inference-host': join(root, 'electron', 'inference-host', 'entry.ts') },
      outExtension: { '.js': '.mjs' },
      format: 'esm',
      outdir: electronDist,
      external: ['onnxruntime-node'],
      banner: esmShims,
    }),
  ]);
}

/** True when dist/renderer is missing or older than any source it is built from. */
export function rendererIsStale(): boolean {
  const built = newestMtime(rendererDist);
  if (built === 0) return true;
  return newestMtime(join(root, 'renderer')) > built || newestMtime(join(root, 'core')) > built;
}

function newestMtime(dir: string): number {
  let newest = 0;
  try {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  } catch {
    return 0;
  }
  return newest;
}
