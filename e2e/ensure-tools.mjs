#!/usr/bin/env node
// First step of `npm test`: the tests use Debian's Chromium (e2e), strace (to watch that Chromium's network
// calls) and independent readers to check ours against (DCMTK, dcm2niix, pydicom, GDCM, nibabel, dciodvfy, plastimatch). On a fresh machine they are installed with apt when we are root; otherwise the exact
// command is printed and the run stops, rather than failing later in a confusing way.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const needed = [];
if (!process.env.CHROME_PATH && !existsSync('/usr/bin/chromium')) needed.push('chromium');
if (!has('dcmdump')) needed.push('dcmtk');
if (!has('xvfb-run')) needed.push('xvfb');
if (!has('dcm2niix')) needed.push('dcm2niix');
if (!has('dciodvfy')) needed.push('dicom3tools');
if (!has('plastimatch')) needed.push('plastimatch');
// strace watches the app's Chromium for DNS lookups and connections off the machine (electron/cli/offline-chromium.test.ts).
if (!has('strace')) needed.push('strace');
// GDCM decodes the compressed syntaxes for the pydicom reference of the import-correctness tests.
if (!has('gdcmconv')) needed.push('libgdcm-tools');
// Independent readers the tests compare against (pydicom, nibabel) run on Debian's python3.
const pythonHas = (module) => spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
for (const [module, pkg] of [['pydicom', 'python3-pydicom'], ['nibabel', 'python3-nibabel'], ['numpy', 'python3-numpy'], ['scipy', 'python3-scipy'], ['gdcm', 'python3-gdcm']]) {
  if (!pythonHas(module)) needed.push(pkg);
}

if (needed.length > 0) {
  const command = `apt-get update && apt-get install -y --no-install-recommends ${needed.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`The tests need: ${needed.join(', ')}. Install them with:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  console.log(`Installing test tools: ${needed.join(', ')}`);
  execFileSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
