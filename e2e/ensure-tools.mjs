#!/usr/bin/env node
// First step of `npm test`: the tests use Debian's Chromium (e2e) and DCMTK (an independent DICOM
// reader). On a fresh machine they are installed with apt when we are root; otherwise the exact
// command is printed and the run stops, rather than failing later in a confusing way.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const needed = [];
if (!process.env.CHROME_PATH && !existsSync('/usr/bin/chromium')) needed.push('chromium');
if (!has('dcmdump')) needed.push('dcmtk');
if (!has('xvfb-run')) needed.push('xvfb');

if (needed.length > 0) {
  const command = `apt-get update && apt-get install -y --no-install-recommends ${needed.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`The tests need: ${needed.join(', ')}. Install them with:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  console.log(`Installing test tools: ${needed.join(', ')}`);
  execFileSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
