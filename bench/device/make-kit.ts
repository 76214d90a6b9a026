/**
 * `node --import tsx bench/device/make-kit.ts`: builds .device-kit/, everything the GPU check
 * (bench/device/gpu-check.sh) needs on a lent device machine, which has no Node, no npm registry and no
 * network: the app's CLI and the click benchmark bundled (no node_modules but onnxruntime-node's own files
 * and the JPEG 2000 codec), a Node binary, the held-out TotalSegmentator case and the Vulkan loader that
 * WebGPU needs. Large binaries are xz-compressed: the device call carries at most 64 MiB with the repository.
 * See bench/device/README.md.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { esmShims, nodeBundle } from '../../electron/cli/build.ts';
import { appRoot } from '../../electron/services/app-meta.ts';

const root = appRoot();
const kit = join(root, '.device-kit');
const sharedData = join(root, '..', 'shared', 'data');
const ortPackage = join(root, 'node_modules', 'onnxruntime-node');
const ortLibDir = join('bin', 'napi-v6', 'linux', 'x64');
/** Debian packages of the Vulkan loader and GL dispatch (the device README's list): WebGPU runs on Vulkan there. */
const glPackages = ['libvulkan1', 'libegl1', 'libglvnd0', 'libopengl0', 'libgl1', 'libglx0', 'libgles2'];

function xz(from: string, to: string): void {
  execFileSync('sh', ['-c', 'xz -T2 -9 -c "$1" > "$2"', 'xz', from, to]);
}

rmSync(kit, { recursive: true, force: true });
mkdirSync(kit);

// The CLI (doctor, eval-clicks, models) and the click benchmark, each beside the inference host and decode
// worker entries they fork: bundled code looks for those next to itself (inferenceHostEntry, defaultWorkerEntry).
await build({
  ...nodeBundle,
  sourcemap: false,
  entryPoints: {
    delineate: join(root, 'electron', 'cli', 'main.ts'),
    'click-bench': join(root, 'bench', 'device', 'click-bench-entry.ts'),
    'inference-host': join(root, 'electron', 'inference-host', 'entry.ts'),
    'decode-worker': join(root, 'electron', 'services', 'decode-pool', 'decode-worker.ts'),
  },
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  outdir: kit,
  // Build tools the `build` and `start` commands load on demand; the GPU check runs neither.
  external: ['onnxruntime-node', 'electron', 'vite', 'esbuild'],
  banner: esmShims,
});

// onnxruntime-node: its JavaScript, the binding and the runtime library for linux-x64 (CPU and WebGPU built in).
const ortKit = join(kit, 'node_modules', 'onnxruntime-node');
for (const part of ['package.json', 'dist']) cpSync(join(ortPackage, part), join(ortKit, part), { recursive: true });
mkdirSync(join(ortKit, ortLibDir), { recursive: true });
copyFileSync(join(ortPackage, ortLibDir, 'onnxruntime_binding.node'), join(ortKit, ortLibDir, 'onnxruntime_binding.node'));
xz(join(ortPackage, ortLibDir, 'libonnxruntime.so.1'), join(ortKit, ortLibDir, 'libonnxruntime.so.1.xz'));

// The JPEG 2000 decoder for the sample CT (the only codec it needs).
cpSync(join(root, 'node_modules', '@cornerstonejs', 'codec-openjpeg'), join(kit, 'node_modules', '@cornerstonejs', 'codec-openjpeg'), { recursive: true });

// This machine's Node, without its debug symbols.
execFileSync('sh', ['-c', 'cp "$1" "$2" && strip "$2"', 'strip', process.execPath, join(kit, 'node')]);
xz(join(kit, 'node'), join(kit, 'node.xz'));
rmSync(join(kit, 'node'));

// The held-out case (example_ct_sm: the TotalSegmentator large-organ target is measured on it).
mkdirSync(join(kit, 'data'));
for (const file of ['example_ct_sm.nii.gz', 'example_seg.nii.gz']) copyFileSync(join(sharedData, 'totalsegmentator', file), join(kit, 'data', file));

mkdirSync(join(kit, 'gl'));
execFileSync('apt-get', ['download', ...glPackages], { cwd: join(kit, 'gl'), stdio: 'ignore' });

writeFileSync(join(kit, 'made.txt'), `made ${new Date().toISOString()} from ${execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root }).toString().trim()} with node ${process.version}\n`);

const sizes = readdirSync(kit, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => ({ path: relative(kit, join(e.parentPath, e.name)), bytes: statSync(join(e.parentPath, e.name)).size }));
const total = sizes.reduce((sum, f) => sum + f.bytes, 0);
console.log(`.device-kit: ${sizes.length} files, ${(total / 2 ** 20).toFixed(1)} MiB (largest: ${sizes.sort((a, b) => b.bytes - a.bytes).slice(0, 3).map((f) => `${f.path} ${(f.bytes / 2 ** 20).toFixed(1)}`).join(', ')})`);
