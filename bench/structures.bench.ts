/**
 * `npm run bench -- structures [--runs 20]`
 *
 * The structure-set store on a 512x512x200 grid: the 20 largest organs of the TotalSegmentator example label
 * map (../shared/data/totalsegmentator/example_seg.nii.gz, 122x101x30 at 3 mm) resampled in world coordinates
 * onto a 512x512x200 grid over the same extent. Prints bytes per voxel for the 20 structures, slice read times
 * (axial, coronal, sagittal), edit and undo times for a brush stroke and for a whole-structure replacement
 * (what a margin does), and the size and write time of a workspace snapshot. Asserts nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { lps } from '../core/geometry/space.ts';
import type { VolumeGeometry } from '../core/geometry/volume.ts';
import { resampleToGrid } from '../core/mask/mask.ts';
import type { VoxelBox } from '../core/mask/patch.ts';
import { extractBox } from '../core/mask/patch.ts';
import { binaryRuns } from '../core/structures/packed-patch.ts';
import { readNifti } from '../core/nifti/index.ts';
import { testMeta } from '../core/structures/testing/fixtures.ts';
import { StructureSet } from '../core/structures/structure-set.ts';
import { appRoot } from '../electron/services/app-meta.ts';
import { geometryFingerprint } from '../electron/services/workspace/image-reference.ts';
import { Workspace } from '../electron/services/workspace/workspace.ts';
import { median, numberOption } from './bench-figures.ts';

function timeMs(work: () => void, runs: number): number {
  const times: number[] = [];
  for (let n = 0; n < runs; n++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function run(args: string[]): Promise<void> {
  const runs = numberOption(args, 'runs', 20);
  const source = join(appRoot(), '..', 'shared', 'data', 'totalsegmentator', 'example_seg.nii.gz');
  const labels = readNifti(readFileSync(source), source).volume;
  const [si, sj, sk] = labels.dims;
  const dims = [512, 512, 200] as const;
  // The same physical extent as the label map, sampled finer.
  const grid: VolumeGeometry = {
    dims,
    spacing: [(labels.spacing[0] * si) / dims[0], (labels.spacing[1] * sj) / dims[1], (labels.spacing[2] * sk) / dims[2]],
    origin: lps(labels.origin[0], labels.origin[1], labels.origin[2]),
    direction: labels.direction,
  };
  const voxels = dims[0] * dims[1] * dims[2];
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`);
  console.log(`grid: ${dims.join('x')} (${(voxels / 1e6).toFixed(1)} M voxels), spacing ${grid.spacing.map((s) => s.toFixed(3)).join(' x ')} mm`);

  const start = performance.now();
  const fine = resampleToGrid({ ...labels, voxels: labels.scalars as Uint8Array }, grid);
  console.log(`label map resampled onto the grid in ${(performance.now() - start).toFixed(0)} ms`);
  // Voxel count and bounding box per label, in one pass.
  const found = new Map<number, { count: number; lo: number[]; hi: number[] }>();
  for (let k = 0, n = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      for (let i = 0; i < dims[0]; i++, n++) {
        const label = fine[n]!;
        if (label === 0) continue;
        let entry = found.get(label);
        if (!entry) found.set(label, (entry = { count: 0, lo: [i, j, k], hi: [i, j, k] }));
        entry.count++;
        const at = [i, j, k];
        for (let a = 0; a < 3; a++) {
          if (at[a]! < entry.lo[a]!) entry.lo[a] = at[a]!;
          if (at[a]! > entry.hi[a]!) entry.hi[a] = at[a]!;
        }
      }
    }
  }
  const chosen = [...found.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, 20);

  // Each structure arrives as a run-length patch over its bounding box (how imports and AI results come).
  const set = new StructureSet(grid);
  let importMs = 0;
  for (const [label, { lo, hi }] of chosen) {
    const box: VoxelBox = { lo: [lo[0]!, lo[1]!, lo[2]!], hi: [hi[0]! + 1, hi[1]! + 1, hi[2]! + 1] };
    const values = extractBox(fine as Uint8Array, dims, box).map((v) => (v === label ? 1 : 0));
    const patch = { box, runs: Array.from(binaryRuns(values)) };
    const t = performance.now();
    set.apply({ op: 'create', structure: testMeta(`l${label}`, `label ${label}`), patch }, { record: false });
    importMs += performance.now() - t;
  }
  const bytes = set.maskBytes();
  console.log(`\n${chosen.length} structures (${chosen.map(([, e]) => (e.count / 1e6).toFixed(2)).join(', ')} M voxels each)`);
  console.log(`mask storage: ${(bytes / 2 ** 20).toFixed(2)} MiB = ${(bytes / voxels).toFixed(4)} byte/voxel for all 20 (target <= 0.5)`);
  console.log(`adding all 20 from bounding-box patches: ${importMs.toFixed(0)} ms`);

  const largest = set.get(`l${chosen[0]![0]}`).mask;
  const range = largest.sliceRange()!;
  const midK = (range[0] + range[1]) >> 1;
  const axial = new Uint8Array(dims[0] * dims[1]);
  const coronal = new Uint8Array(dims[0] * dims[2]);
  const sagittal = new Uint8Array(dims[1] * dims[2]);
  console.log(`\nslice reads (median of ${runs}):`);
  console.log(`  axial k=${midK}, largest structure:    ${timeMs(() => largest.readSlice('k', midK, axial), runs).toFixed(3)} ms`);
  console.log(`  coronal j=256, largest structure:  ${timeMs(() => largest.readSlice('j', 256, coronal), runs).toFixed(3)} ms`);
  console.log(`  sagittal i=256, largest structure: ${timeMs(() => largest.readSlice('i', 256, sagittal), runs).toFixed(3)} ms`);
  const all = set.list().map((s) => s.mask);
  console.log(`  axial k=${midK}, all 20 structures:    ${timeMs(() => all.forEach((m) => m.readSlice('k', midK, axial)), runs).toFixed(3)} ms`);
  console.log(`  coronal j=256, all 20 structures:  ${timeMs(() => all.forEach((m) => m.readSlice('j', 256, coronal)), runs).toFixed(3)} ms`);
  console.log(`  sagittal i=256, all 20 structures: ${timeMs(() => all.forEach((m) => m.readSlice('i', 256, sagittal)), runs).toFixed(3)} ms`);

  // A brush dab: a 15-voxel-radius disc on one slice of the largest structure.
  const id = `l${chosen[0]![0]}`;
  const disc: VoxelBox = { lo: [200, 200, midK], hi: [231, 231, midK + 1] };
  const discValues = new Uint8Array(31 * 31).map((_, n) => ((n % 31) - 15) ** 2 + (Math.floor(n / 31) - 15) ** 2 <= 225 ? 1 : 0);
  const brushMs: number[] = [];
  const undoBrushMs: number[] = [];
  for (let n = 0; n < runs; n++) {
    const values = n % 2 === 0 ? discValues : discValues.map((v) => 1 - v);
    let t = performance.now();
    set.applyEdit(id, { box: disc, values }, `Brush ${n}`);
    brushMs.push(performance.now() - t);
    t = performance.now();
    set.apply({ op: 'undo' });
    undoBrushMs.push(performance.now() - t);
    set.apply({ op: 'redo' });
  }
  console.log(`\nbrush dab (r=15 voxels, one slice): edit ${median(brushMs).toFixed(3)} ms, undo ${median(undoBrushMs).toFixed(3)} ms`);

  // A whole-structure replacement, as a margin result: the structure's slab rewritten one voxel wider in i.
  const slab: VoxelBox = { lo: [0, 0, range[0]], hi: [dims[0], dims[1], range[1] + 1] };
  const current = largest.readBox(slab);
  const grown = current.map((v, n) => (v || (n % dims[0] > 0 && current[n - 1]) ? 1 : 0));
  // Wall and CPU time: on a shared machine the CPU time is the steadier figure.
  const measure = (work: () => void) => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    work();
    const used = process.cpuUsage(cpu);
    return `${(performance.now() - wall).toFixed(1)} ms (CPU ${((used.user + used.system) / 1000).toFixed(1)} ms)`;
  };
  const margin = measure(() => set.applyEdit(id, { box: slab, values: grown }, 'Margin 1 voxel'));
  const memoBytes = set.history.bytes;
  const undoMargin = measure(() => set.apply({ op: 'undo' }));
  const redoMargin = measure(() => set.apply({ op: 'redo' }));
  console.log(`whole-structure edit (${range[1] - range[0] + 1} slices): edit ${margin}, undo ${undoMargin}, redo ${redoMargin}`);
  console.log(`undo history now holds ${(memoBytes / 2 ** 20).toFixed(2)} MiB (${set.history.labels().labels.length} steps)`);

  // The same set saved as a workspace snapshot.
  const folder = mkdtempSync(join(tmpdir(), 'delineate-bench-'));
  try {
    const reference = { path: source, seriesInstanceUid: '', frameOfReferenceUid: '', description: 'bench', fingerprint: geometryFingerprint(grid), createdAt: '' };
    const workspace = await Workspace.create(join(folder, 'case'), reference, grid, { snapshotEvery: 1_000_000 });
    for (const s of set.list()) {
      workspace.apply({ op: 'create', structure: s.meta });
      const patch = set.maskPatch(s.meta.id);
      if (patch) workspace.apply({ op: 'edit', id: s.meta.id, label: 'Import', patch });
    }
    let t = performance.now();
    await workspace.flush();
    const journalMs = performance.now() - t;
    t = performance.now();
    workspace.saveSnapshot();
    await workspace.flush();
    const snapshotMs = performance.now() - t;
    const size = readFileSync(join(folder, 'case', 'snapshot.bin')).length;
    await workspace.close();
    t = performance.now();
    const reopened = await Workspace.open(join(folder, 'case'), grid);
    const openMs = performance.now() - t;
    await reopened.close();
    console.log(`\nworkspace: journal of 20 imports fsynced in ${journalMs.toFixed(0)} ms; snapshot ${(size / 2 ** 20).toFixed(2)} MiB written in ${snapshotMs.toFixed(0)} ms; reopened in ${openMs.toFixed(0)} ms`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
