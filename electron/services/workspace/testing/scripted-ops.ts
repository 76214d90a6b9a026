import { lps } from '../../../../core/geometry/space.ts';
import type { VolumeGeometry } from '../../../../core/geometry/volume.ts';
import { encodeRuns } from '../../../../core/mask/patch.ts';
import type { StructureOp } from '../../../../core/structures/schemas.ts';
import { testMeta } from '../../../../core/structures/testing/fixtures.ts';
import { StructureSet } from '../../../../core/structures/structure-set.ts';
import type { VolumeInfo } from '../../../../core/ipc/schemas.ts';
import type { StoredVolume } from '../../volume-store.ts';

/** A small grid and a reproducible stream of ops on it, shared by the workspace tests and the crash child. */
export const testGeometry: VolumeGeometry = { dims: [24, 20, 12], spacing: [1, 1, 2.5], origin: lps(-12, -10, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };

/**
 * Op number `n` (1-based) of a scripted session: two structures, then brush and erase strokes (speckled
 * boxes), with an undo every seventh op and a redo every eleventh, all derived from `n` alone.
 */
export function scriptedOp(n: number): StructureOp {
  const at = 1_700_000_000_000 + n * 1500;
  if (n === 1) return { op: 'create', structure: testMeta('s1', 'Liver'), at };
  if (n === 2) return { op: 'create', structure: testMeta('s2', 'GTVp'), at };
  if (n % 7 === 0) return { op: 'undo', at };
  if (n % 11 === 0) return { op: 'redo', at };
  let state = n * 2654435761;
  const next = (limit: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % limit;
  };
  const [ni, nj, nk] = testGeometry.dims;
  const lo = [next(ni - 4), next(nj - 4), next(nk - 2)] as const;
  const hi = [lo[0] + 2 + next(ni - lo[0] - 2), lo[1] + 2 + next(nj - lo[1] - 2), lo[2] + 1 + next(nk - lo[2] - 1)] as const;
  const size = (hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2]);
  const erase = n % 5 === 0;
  const values = new Uint8Array(size).map(() => (erase ? 0 : next(4) === 0 ? 0 : 1));
  return { op: 'edit', id: n % 3 === 0 ? 's2' : 's1', label: erase ? 'Erase' : 'Brush', patch: { box: { lo, hi }, runs: encodeRuns(values) }, clicks: 1, at };
}

/** The state a set reaches from scripted ops 1..count, computed without any workspace. */
export function scriptedSet(count: number): StructureSet {
  const set = new StructureSet(testGeometry);
  for (let n = 1; n <= count; n++) set.apply(scriptedOp(n));
  return set;
}

/** Where two sets differ (structures, voxels, versions, effort, history), or [] when they are the same. */
export function setDifferences(actual: StructureSet, expected: StructureSet): string[] {
  const out: string[] = [];
  const metas = (set: StructureSet) => JSON.stringify(set.list().map((s) => s.meta));
  if (metas(actual) !== metas(expected)) out.push('structure metadata differs');
  for (const s of expected.list()) {
    if (!actual.has(s.meta.id)) continue;
    const got = actual.get(s.meta.id);
    const a = got.mask.toMask(testGeometry).voxels;
    const b = s.mask.toMask(testGeometry).voxels;
    const differing = a.reduce((count, v, n) => count + (v !== b[n] ? 1 : 0), 0);
    if (differing > 0) out.push(`${s.meta.name}: ${differing} voxels differ`);
    if (got.version !== s.version) out.push(`${s.meta.name}: version ${got.version}, expected ${s.version}`);
    if (JSON.stringify(got.effort) !== JSON.stringify(s.effort)) out.push(`${s.meta.name}: effort differs`);
  }
  if (JSON.stringify(actual.history.labels()) !== JSON.stringify(expected.history.labels())) out.push('undo history differs');
  return out;
}

/** A loaded-volume entry (blank CT) on the test grid, as the VolumeStore holds it after study.open. */
export function testVolume(id: string): StoredVolume {
  const [ni, nj, nk] = testGeometry.dims;
  const info: VolumeInfo = {
    id,
    source: '/data/case-7/ct',
    patientName: 'Test^Patient',
    patientId: '7',
    modality: 'CT',
    seriesDescription: 'unit',
    studyInstanceUid: '1.2',
    seriesInstanceUid: '1.2.3',
    frameOfReferenceUid: '1.2.3.4',
    dims: [ni, nj, nk],
    spacing: [...testGeometry.spacing] as [number, number, number],
    origin: [...testGeometry.origin] as [number, number, number],
    direction: [...testGeometry.direction],
    voxelType: 'int16',
    byteLength: ni * nj * nk * 2,
    window: { center: 40, width: 400 },
    warnings: [],
  };
  return { volume: { ...testGeometry, scalars: new Int16Array(ni * nj * nk) }, info };
}
