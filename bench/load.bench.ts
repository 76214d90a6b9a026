/**
 * `npm run bench -- load [--slices 400] [--size 512] [--runs 3] [--scan-files 5000] [--no-j2k]`
 *
 * Time from a DICOM folder on disk to a ready volume on the main side, side by side in the same run with
 * dcm2niix converting the same folder and a pydicom + numpy stacking script. Each measurement runs in its
 * own process (peak RSS is that process's). The series is generated once by bench/generate_ct.py (real,
 * uncompressed explicit-LE CT files) and cached under the system temp folder. Prints figures; asserts nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { appRoot } from '../electron/services/app-meta.ts';
import { generatedSeries } from './generated-series.ts';
import { volumeProcessEnv } from '../electron/services/process-env.ts';
import { numberOption } from './options.ts';

const python = '/usr/bin/python3';

/** Runs a command under GNU time: wall seconds, CPU seconds (user + system) and peak RSS (MiB). */
function timed(command: string, args: string[], env = process.env): { seconds: number; cpuSeconds: number; peakRssMiB: number; stdout: string } {
  const result = spawnSync('/usr/bin/time', ['-f', '__time %e %U %S %M', command, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, env });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  const [, seconds, user, system, kib] = /__time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr)!;
  return { seconds: Number(seconds), cpuSeconds: Number(user) + Number(system), peakRssMiB: Number(kib) / 1024, stdout: result.stdout };
}

/** A JPEG 2000 lossless copy of a generated series, made once with GDCM (an independent encoder). */
function j2kCopy(source: string): string {
  const dir = `${source}-j2k`;
  const files = readdirSync(source);
  if (!existsSync(dir) || readdirSync(dir).length !== files.length) {
    rmSync(dir, { recursive: true, force: true });
    console.log(`making a JPEG 2000 lossless copy with gdcmconv in ${dir} ...`);
    mkdirSync(dir, { recursive: true });
    for (const file of files) execFileSync('gdcmconv', ['--j2k', join(source, file), join(dir, file)]);
  }
  return dir;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

export async function run(args: string[]): Promise<void> {
  const slices = numberOption(args, 'slices', 400);
  const size = numberOption(args, 'size', 512);
  const runs = numberOption(args, 'runs', 3);
  const scanFiles = numberOption(args, 'scan-files', 5000);
  const dir = generatedSeries(`ct-${size}x${slices}`, slices, size, 1);
  const volumeMiB = (size * size * slices * 2) / 2 ** 20;
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(`series: ${size}x${size}x${slices} uncompressed CT (${volumeMiB.toFixed(0)} MiB of int16 voxels), ${runs} runs each, warm file cache\n`);

  const child = [join(appRoot(), 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(appRoot(), 'bench', 'load-child.ts')];
  // Our loader runs in the environment Electron's main process gets from `npm start` (volumeProcessEnv).
  const ours = Array.from({ length: runs }, () => JSON.parse(timed(process.execPath, [...child, dir], volumeProcessEnv()).stdout) as Record<string, number>);
  const oursTotal = median(ours.map((r) => r.totalMs!)) / 1000;
  const oursRss = Math.max(...ours.map((r) => r.peakRssMiB!));

  const out = mkdtempSync(join(tmpdir(), 'delineate-dcm2niix-'));
  const dcm2niix = Array.from({ length: runs }, () => timed('dcm2niix', ['-z', 'n', '-b', 'n', '-o', out, '-f', 'bench', dir]));
  rmSync(out, { recursive: true, force: true });
  const pydicom = Array.from({ length: runs }, () => timed(python, [join(appRoot(), 'bench', 'stack_pydicom.py'), dir]));
  const d2n = median(dcm2niix.map((r) => r.seconds));
  const pyd = median(pydicom.map((r) => r.seconds));

  const row = (name: string, seconds: number, rss: number) =>
    console.log(`${name.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s ${(volumeMiB / seconds).toFixed(0).padStart(6)} MiB/s ${rss.toFixed(0).padStart(6)} MiB peak RSS`);
  console.log('load to a ready volume (median)');
  row('Delineate (scan + load)', oursTotal, oursRss);
  console.log(`${''.padEnd(34)}   scan ${median(ours.map((r) => r.scanMs!)).toFixed(0)} ms, load ${median(ours.map((r) => r.loadMs!)).toFixed(0)} ms`);
  row('dcm2niix -z n (writes NIfTI)', d2n, Math.max(...dcm2niix.map((r) => r.peakRssMiB)));
  row('pydicom + numpy stack', pyd, Math.max(...pydicom.map((r) => r.peakRssMiB)));
  console.log(`\nratios: ${(oursTotal / d2n).toFixed(2)}x dcm2niix, ${(oursTotal / pyd).toFixed(2)}x pydicom; ` +
    `peak RSS ${(oursRss / (volumeMiB + 200)).toFixed(2)}x (volume + 200 MiB)`);

  if (!args.includes('--no-j2k')) {
    const j2k = j2kCopy(dir);
    const runsJ2k = Array.from({ length: runs }, () => timed(process.execPath, [...child, j2k], volumeProcessEnv()));
    const parsed = runsJ2k.map((r) => JSON.parse(r.stdout) as Record<string, number>);
    const wall = median(runsJ2k.map((r) => r.seconds));
    const cpu = median(runsJ2k.map((r) => r.cpuSeconds));
    console.log(`\nJPEG 2000 lossless copy (gdcmconv --j2k), Delineate: load ${(median(parsed.map((r) => r.totalMs!)) / 1000).toFixed(2)} s ` +
      `(process ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU: ${(cpu / wall).toFixed(2)} cores busy of ${cpus().length})`);
  }

  if (scanFiles > 0) {
    const perSeries = Math.ceil(scanFiles / 12);
    const scanDir = generatedSeries(`scan-${size}x${perSeries}x12`, perSeries, size, 12);
    const scans = Array.from({ length: runs }, () => JSON.parse(timed(process.execPath, [...child, scanDir]).stdout) as Record<string, number>);
    console.log(`\nscan of ${scans[0]!.files} files (12 series): median ${median(scans.map((r) => r.scanMs!)).toFixed(0)} ms`);
  }
}
