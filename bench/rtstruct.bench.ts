/**
 * `npm run bench -- rtstruct [--slices 200] [--size 512] [--structures 20] [--runs 3] [--no-cli]`
 *
 * RTSTRUCT export and import of N structures on a synthetic CT, in process (what the app does once the image
 * is loaded: contour, encode, lint, write; read, rasterise), then end to end through the CLI, side by side
 * with plastimatch doing the same on the same input (`--input-prefix` masks -> RTSTRUCT, RTSTRUCT -> masks).
 * Also DICOM SEG export and import in process. Prints figures; asserts nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { geometryOf } from '../core/mask/mask.ts';
import { writeNifti } from '../core/nifti/index.ts';
import type { StructureToExport } from '../core/rt/rtstruct-write.ts';
import { appRoot } from '../electron/services/app-meta.ts';
import { imageReferenceOf } from '../electron/services/rt/image-reference.ts';
import { exportRtStructFile, importRtStructFile } from '../electron/services/rt/rtstruct-service.ts';
import { exportSegFile, importSegFile } from '../electron/services/rt/seg-service.ts';
import { writeSyntheticCt } from '../electron/services/rt/testing/synthetic-ct.ts';
import { loadSeries } from '../electron/services/study-loader.ts';
import { numberOption } from './options.ts';

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

async function timedMs(runs: number, body: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let n = 0; n < runs; n++) {
    const start = performance.now();
    await body();
    times.push(performance.now() - start);
  }
  return median(times);
}

function wallMs(command: string, args: string[]): number {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return performance.now() - start;
}

/** N organ-like shapes in one label map: ellipsoids of many sizes, every third with a hole through it. */
function labelMap(dims: readonly [number, number, number], count: number): Uint8Array {
  const [w, h, d] = dims;
  const labels = new Uint8Array(w * h * d);
  for (let s = 0; s < count; s++) {
    const cx = w * (0.2 + 0.6 * ((s * 0.381966) % 1));
    const cy = h * (0.25 + 0.5 * ((s * 0.618034) % 1));
    const cz = d * (0.15 + 0.7 * ((s * 0.7548) % 1));
    const [rx, ry, rz] = [w * (0.03 + 0.05 * ((s * 0.29) % 1)), h * (0.03 + 0.04 * ((s * 0.53) % 1)), d * (0.05 + 0.2 * ((s * 0.17) % 1))];
    for (let k = Math.max(0, Math.floor(cz - rz)); k <= Math.min(d - 1, Math.ceil(cz + rz)); k++) {
      for (let j = Math.max(0, Math.floor(cy - ry)); j <= Math.min(h - 1, Math.ceil(cy + ry)); j++) {
        for (let i = Math.max(0, Math.floor(cx - rx)); i <= Math.min(w - 1, Math.ceil(cx + rx)); i++) {
          const r = ((i - cx) / rx) ** 2 + ((j - cy) / ry) ** 2 + ((k - cz) / rz) ** 2;
          const hole = s % 3 === 0 && ((i - cx) / rx) ** 2 + ((j - cy) / ry) ** 2 < 0.1;
          const n = k * w * h + j * w + i;
          if (r < 1 && !hole && labels[n] === 0) labels[n] = s + 1;
        }
      }
    }
  }
  return labels;
}

export async function run(args: string[]): Promise<void> {
  const slices = numberOption(args, 'slices', 200);
  const size = numberOption(args, 'size', 512);
  const count = numberOption(args, 'structures', 20);
  const runs = numberOption(args, 'runs', 3);
  const base = join(tmpdir(), 'delineate-bench', `rtstruct-${size}x${slices}`);
  const ctDir = join(base, 'ct');
  if (!existsSync(ctDir) || readdirSync(ctDir).length !== slices) {
    rmSync(base, { recursive: true, force: true });
    console.log(`writing ${slices} synthetic CT slices (${size}x${size}) in ${ctDir} ...`);
    writeSyntheticCt(ctDir, {
      patientId: 'BENCH',
      frameOfReferenceUid: '1.2.826.0.1.3680043.10.1000.1',
      columns: size,
      rows: size,
      origin: [-250, -250, 0],
      pixelSpacing: 500 / size,
      zs: Array.from({ length: slices }, (_, k) => -300 + 2 * k),
    });
  }
  const ref = await imageReferenceOf(await loadSeries(ctDir));
  const labels = labelMap(ref.grid.dims, count);
  const structures: StructureToExport[] = Array.from({ length: count }, (_, s) => ({
    name: `S${String(s + 1).padStart(2, '0')}`,
    type: 'ORGAN',
    colour: [(s * 53) % 256, (s * 97) % 256, (s * 151) % 256],
    generation: { algorithm: 'AUTOMATIC', description: 'bench' },
    voxels: labels,
    label: s + 1,
  }));
  const work = join(base, 'out');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'masks'), { recursive: true });
  const masks = join(work, 'masks');
  const cliMasks: string[] = [];
  for (const s of structures) {
    const voxels = new Uint8Array(labels.length);
    for (let n = 0; n < labels.length; n++) voxels[n] = labels[n] === s.label ? 1 : 0;
    const file = join(masks, `${s.name}.nii.gz`);
    writeFileSync(file, writeNifti({ ...geometryOf(ref.grid), scalars: voxels }, { gzip: true }));
    cliMasks.push('--mask', `${s.name}=${file}`);
  }

  const rs = join(work, 'rs.dcm');
  const exportMs = await timedMs(runs, () => exportRtStructFile(ref, structures, rs, { force: true }));
  let contours = 0;
  const importMs = await timedMs(runs, async () => {
    const result = await importRtStructFile(rs, ref, ctDir);
    contours = result.rois.reduce((sum, r) => sum + r.contourCount, 0);
  });
  const seg = join(work, 'seg.dcm');
  const segExportMs = await timedMs(runs, () => exportSegFile(ref, structures, seg, { force: true }));
  const segImportMs = await timedMs(runs, () => importSegFile(seg, ref, ctDir));

  // The CLI runs are slow (20 full-size NIfTI masks in or out): --no-cli leaves them out.
  const withCli = !args.includes('--no-cli');
  const bin = join(appRoot(), 'electron', 'cli', 'bin.mjs');
  const cliRuns = withCli ? runs : 0;
  const cliExportMs = median(Array.from({ length: cliRuns }, () => wallMs('node', [bin, 'rtstruct', 'export', '--ref', ctDir, ...cliMasks, '--out', join(work, 'cli-rs.dcm'), '--force'])));
  const cliImportMs = median(Array.from({ length: cliRuns }, () => wallMs('node', [bin, 'rtstruct', 'import', rs, '--ref', ctDir, '--out-dir', join(work, 'cli-import'), '--force'])));
  const plastimatchExportMs = median(
    Array.from({ length: runs }, () => {
      rmSync(join(work, 'pl-export'), { recursive: true, force: true });
      return wallMs('plastimatch', ['convert', '--input-prefix', masks, '--referenced-ct', ctDir, '--output-dicom', join(work, 'pl-export')]);
    }),
  );
  const plastimatchImportMs = median(
    Array.from({ length: runs }, () => {
      rmSync(join(work, 'pl-import'), { recursive: true, force: true });
      return wallMs('plastimatch', ['convert', '--input', rs, '--referenced-ct', ctDir, '--output-prefix', join(work, 'pl-import'), '--prefix-format', 'nii.gz']);
    }),
  );
  const plastimatchVersion = execFileSync('plastimatch', ['--version'], { encoding: 'utf8' }).trim().split('\n')[0];
  const row = (label: string, ms: number, note = '') => console.log(`${label.padEnd(56)} ${ms.toFixed(0).padStart(7)} ms ${note}`);
  console.log(`\nRTSTRUCT: ${count} structures, ${contours} contours on ${size}x${size}x${slices}; ${cpus().length} cores; median of ${runs}`);
  row('Delineate export (contour, encode, lint, write)', exportMs, `${(exportMs / plastimatchExportMs).toFixed(2)}x plastimatch end to end`);
  row('Delineate import (read, rasterise)', importMs);
  row('Delineate SEG export (pack, encode, lint, write)', segExportMs);
  row('Delineate SEG import (read, place)', segImportMs);
  if (withCli) {
    row('delineate rtstruct export CLI (load CT, read masks, export)', cliExportMs, `${(cliExportMs / plastimatchExportMs).toFixed(2)}x plastimatch`);
    row('delineate rtstruct import CLI (load CT, import, write NIfTIs)', cliImportMs, `${(cliImportMs / plastimatchImportMs).toFixed(2)}x plastimatch`);
  }
  row(`plastimatch export (--input-prefix -> --output-dicom)`, plastimatchExportMs, plastimatchVersion);
  row('plastimatch import (--input rs -> --output-prefix nii.gz)', plastimatchImportMs);
}
