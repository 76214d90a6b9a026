/**
 * `npm run bench -- load [path] [--runs N]`: time from a DICOM folder on disk to a ready volume in the
 * main side (scan + header parse + pixel read + HU conversion). Prints figures; asserts nothing.
 */
import { cpus } from 'node:os';
import { sampleStudyPath } from '../electron/services/app-meta.ts';
import { loadSeries } from '../electron/services/study-loader.ts';

export async function run(args: string[]): Promise<void> {
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
  const path = args.find((a, n) => !a.startsWith('--') && args[n - 1] !== '--runs') ?? sampleStudyPath();
  const times: number[] = [];
  let bytes = 0;
  let peakRss = 0;
  for (let n = 0; n < runs; n++) {
    const start = performance.now();
    const { volume } = await loadSeries(path);
    times.push(performance.now() - start);
    bytes = volume.scalars.byteLength;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1]!;
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`series: ${path}`);
  console.log(`volume: ${(bytes / 2 ** 20).toFixed(1)} MiB; runs: ${runs} (first includes a cold file cache only if not read before)`);
  console.log(`load to ready volume: median ${median.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`);
  console.log(`throughput: ${(bytes / 2 ** 20 / (median / 1000)).toFixed(0)} MiB/s of voxels; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
}
