/**
 * One measured load for `npm run bench -- load`, in its own process so its peak RSS is its own.
 * Prints JSON: scan and load times (ms), voxel bytes, peak RSS (MiB).
 */
import { loadPlanned } from '../electron/services/study-loader.ts';
import { scanPath } from '../electron/services/scan/scan.ts';

const path = process.argv[2]!;
const start = performance.now();
const scan = await scanPath(path);
const scanned = performance.now();
const series = scan.series[0]!;
if ('error' in series.plan) throw new Error(series.plan.error);
// A scan-only run (many series) skips the load.
const volume = scan.series.length === 1 ? await loadPlanned(series.plan) : { scalars: new Int16Array(0) };
const loaded = performance.now();
console.log(
  JSON.stringify({
    files: scan.series.reduce((sum, s) => sum + s.files, 0),
    scanMs: scanned - start,
    loadMs: loaded - scanned,
    totalMs: loaded - start,
    bytes: volume.scalars.byteLength,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
