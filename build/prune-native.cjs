// electron-builder afterPack hook: keep only the target platform's onnxruntime-node binaries.
// The npm package carries five platforms (about 290 MB); an installer needs one (45 MB on linux-x64).
// The binaries sit in app.asar.unpacked (asarUnpack), where native loaders can read them.
const { existsSync, readdirSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** builder-util's Arch enum, by value. */
const archNames = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** Removes every bin/napi-v*\/<platform>/<arch> folder but the target's; returns the removed paths. */
function pruneOnnxRuntime(packageDir, platform, arch) {
  const removed = [];
  const bin = join(packageDir, 'bin');
  if (!existsSync(bin)) return removed;
  for (const napi of readdirSync(bin)) {
    for (const os of readdirSync(join(bin, napi))) {
      const osDir = join(bin, napi, os);
      if (!statSync(osDir).isDirectory()) continue;
      for (const cpu of readdirSync(osDir)) {
        // A universal macOS build keeps both architectures.
        const keep = os === platform && (cpu === arch || (arch === 'universal' && platform === 'darwin'));
        if (keep) continue;
        rmSync(join(osDir, cpu), { recursive: true, force: true });
        removed.push(join(napi, os, cpu));
      }
      if (readdirSync(osDir).length === 0) rmSync(osDir, { recursive: true, force: true });
    }
  }
  return removed;
}

/** The app.asar.unpacked folder under a packed app (resources/ on Linux and Windows, Contents/Resources on macOS). */
function findUnpacked(dir, depth = 0) {
  if (depth > 4 || !existsSync(dir)) return null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (entry.name === 'app.asar.unpacked') return join(dir, entry.name);
    const found = findUnpacked(join(dir, entry.name), depth + 1);
    if (found) return found;
  }
  return null;
}

async function afterPack(context) {
  const unpacked = findUnpacked(context.appOutDir);
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = archNames[context.arch];
  if (!unpacked || !arch) throw new Error(`prune-native: no app.asar.unpacked under ${context.appOutDir} or unknown arch ${context.arch}`);
  const packageDir = join(unpacked, 'node_modules', 'onnxruntime-node');
  const removed = pruneOnnxRuntime(packageDir, platform, arch);
  if (!existsSync(join(packageDir, 'bin'))) throw new Error(`prune-native: ${packageDir} has no binaries`);
  console.log(`prune-native: kept onnxruntime-node for ${platform}-${arch}, removed ${removed.join(', ') || 'nothing'}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.pruneOnnxRuntime = pruneOnnxRuntime;
