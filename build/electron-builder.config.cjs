// electron-builder configuration. Offline by design: models and the sample case travel as extra
// resources, onnxruntime-node's native libraries are unpacked from the asar so they can be loaded.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.delineate.app',
  productName: 'Delineate',
  directories: { output: 'out', buildResources: 'build' },
  files: ['dist/**', 'package.json', '!**/*.map'],
  // Native libraries, worker entries and the WASM they read are unpacked: worker threads and native
  // loaders read the real file system, not the asar archive.
  asarUnpack: ['node_modules/onnxruntime-node/**', 'node_modules/@cornerstonejs/**', 'dist/electron/*-worker.mjs'],
  extraResources: [
    { from: 'resources', to: '.', filter: ['**/*'] },
    { from: 'native-models', to: 'native-models', filter: ['*/model.onnx', '*/model.json', '*/README.md', '*/LICENSE*'] },
  ],
  // Only the target platform's onnxruntime-node binaries go into an installer.
  afterPack: 'build/prune-native.cjs',
  linux: {
    target: ['AppImage', 'deb', 'tar.gz'],
    category: 'Science',
    // Large allocations (the volume) as transparent huge pages: see volumeProcessEnv in electron/cli/runtimes.ts.
    // The deb's menu entry starts the app with it; /opt/Delineate is where the deb installs it.
    desktop: { entry: { Exec: 'env GLIBC_TUNABLES=glibc.malloc.hugetlb=1 /opt/Delineate/delineate %U' } },
  },
  win: { target: ['nsis'] },
  mac: { target: ['dmg'], category: 'public.app-category.medical' },
};
