// DICOM import is proved against readers that share nothing with ours: for every image series in
// ../shared/data (listed, with its traps, in e2e/reference/series.json), `delineate scan --json` and
// `delineate convert` must agree with pydicom (+GDCM) and with dcm2niix IN WORLD COORDINATES: same voxel
// centres (origin within 0.01 mm, directions within 1e-4, spacing within 1e-4 relative, same dims once axis
// order and flips are accounted for) and equal values at the same world positions. Resampled series (gantry
// tilt, irregular gaps) are compared with the raw slices and dcm2niix's corrected copy by interpolation.
// The references are checked against each other first, so a failure below is ours, not theirs.
// Needs /usr/bin/python3 with pydicom, nibabel, numpy, scipy, and dcm2niix, gdcmconv, dcmtk (apt).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AxisMatch,
  type SeriesCase,
  appConvert,
  appScan,
  cliHasCommand,
  compareExact,
  compareGeometry,
  compareResampled,
  dcm2niixReference,
  niftiVolume,
  pydicomReference,
  referenceToolsPresent,
  seriesCases,
  seriesPath,
  tolerances as T,
  writeJson,
} from '../../e2e/reference/reference.ts';

const TIMEOUT = 300_000;
const work = mkdtempSync(join(tmpdir(), 'import-correctness-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dirFor = (c: SeriesCase, what: string) => join(work, c.id.replace(/[^A-Za-z0-9._-]+/g, '_'), what);

// Each reference reads a series once; both describe blocks share the result.
const memo = new Map<string, Promise<unknown>>();
function once<R>(key: string, f: () => Promise<R>): Promise<R> {
  if (!memo.has(key)) memo.set(key, f());
  return memo.get(key) as Promise<R>;
}
const pydicomOf = (c: SeriesCase) => once(`pydicom:${c.id}`, () => pydicomReference(c, dirFor(c, 'pydicom')));
const dcm2niixOf = (c: SeriesCase) => once(`dcm2niix:${c.id}`, () => dcm2niixReference(c, dirFor(c, 'dcm2niix')));

/** Same voxel centres in the world: axes a signed permutation of the reference's, tolerances of the issue. */
function expectSameGrid(r: AxisMatch, what: string): void {
  const where = `${what} (dims ${r.testDims} vs ${r.refDims}, axis permutation ${r.permutation}, signs ${r.signs})`;
  expect(r.isPermutation, `${where}: axes are not a permutation of the reference's`).toBe(true);
  expect(r.dimsEqual, `${where}: dimensions differ`).toBe(true);
  expect(r.directionError!, `${where}: direction error`).toBeLessThanOrEqual(T.direction);
  expect(r.spacingRelError!, `${where}: relative spacing error`).toBeLessThanOrEqual(T.spacingRelative);
  expect(r.originErrorMm!, `${where}: origin (voxel 0,0,0) off by mm`).toBeLessThanOrEqual(T.originMm);
  expect(r.cornerErrorMm!, `${where}: a corner voxel off by mm`).toBeLessThanOrEqual(T.originMm);
}

const dcm2niixChecksValues = (c: SeriesCase) => c.dcm2niix === 'values';
const dcm2niixUnsupported = (c: SeriesCase) => c.dcm2niix.startsWith('unsupported');

describe.skipIf(!referenceToolsPresent())('the independent references agree with each other', () => {
  for (const c of seriesCases) {
    it(`${c.id} [${c.kind}]: pydicom+GDCM vs ${dcm2niixUnsupported(c) ? c.altDecoder : 'dcm2niix'}`, { timeout: TIMEOUT }, async () => {
      const pyd = await pydicomOf(c);
      const d2n = await dcm2niixOf(c);
      // what pydicom sees must be the case series.json says it is
      if (c.kind === 'resampled') expect(pyd.volume.tilted || !pyd.volume.regular, 'a resampled case is tilted or irregular').toBe(true);
      else expect(pyd.volume.regular && !pyd.volume.tilted, `regular and untilted (gaps ${pyd.volume.gaps})`).toBe(true);
      if (c.kind === 'single') expect(pyd.volume.slices).toBe(1);

      // dcm2niix does what series.json expects of it, so no reference silently drops out
      if (dcm2niixUnsupported(c)) expect(d2n.index.selected, `dcm2niix was expected to fail: ${c.dcm2niix}`).toBeNull();
      else expect(d2n.json, `dcm2niix wrote nothing: ${d2n.index.unsupported}`).not.toBeNull();

      if (d2n.json && c.kind === 'resampled') {
        expect(d2n.index.corrected, 'dcm2niix wrote a corrected (_Tilt / _Eq) copy').toBe(true);
        const r = await compareResampled(d2n.json, pyd.json);
        const s = r.refAtTestVoxels;
        expect(s.median!, `median |dcm2niix - pydicom| HU: ${JSON.stringify(s)}`).toBeLessThanOrEqual(T.resampled.medianHu);
        expect(s.p99!, `p99 |dcm2niix - pydicom| HU: ${JSON.stringify(s)}`).toBeLessThanOrEqual(T.resampled.p99Hu);
        expect(s.n, 'points compared').toBeGreaterThan(0);
        expect(r.coverage).toBeGreaterThanOrEqual(T.resampled.coverage);
        if (r.onTestGridNodes.n > 0) expect(r.onTestGridNodes.max!).toBeLessThanOrEqual(T.resampled.onGridNodesHu);
      } else if (d2n.json && dcm2niixChecksValues(c)) {
        const r = await compareExact(d2n.json, pyd.json);
        expectSameGrid(r, 'dcm2niix vs pydicom');
        expect(r.maxAbsDiff!, 'max |dcm2niix - pydicom|').toBeLessThanOrEqual(1e-3);
      } else if (d2n.json) {
        expectSameGrid(await compareGeometry(d2n.json, pyd.json), 'dcm2niix vs pydicom (geometry only)');
      }

      if (c.altDecoder) {
        const alt = await pydicomReference(c, dirFor(c, `pydicom-${c.altDecoder}`), c.altDecoder);
        expect(alt.volume.reader).not.toBe(pyd.volume.reader);
        const r = await compareExact(alt.json, pyd.json);
        expectSameGrid(r, `${c.altDecoder} decode vs GDCM decode`);
        expect(r.maxAbsDiff!, `max |${c.altDecoder} - GDCM|`).toBe(0);
      }
    });
  }
});

describe.skipIf(!referenceToolsPresent())('DICOM import matches the independent readers (scan --json + convert)', () => {
  let missing = '';
  beforeAll(async () => {
    for (const command of ['scan', 'convert']) if (!(await cliHasCommand(command))) missing += ` delineate ${command}`;
  }, 60_000);

  for (const c of seriesCases) {
    it(`${c.id} [${c.kind}]: ${c.traps}`, { timeout: TIMEOUT }, async () => {
      expect(missing, `the CLI lacks:${missing}`).toBe('');
      const pyd = await pydicomOf(c);
      const d2n = await dcm2niixOf(c);

      // scan --json: the series is found once, as an image series, with a grid
      const report = await appScan(seriesPath(c));
      const found = c.seriesInstanceUid ? report.series.filter((s) => s.seriesInstanceUid === c.seriesInstanceUid) : report.series;
      expect(found.length, `series found: ${JSON.stringify(report.series.map((s) => s.seriesInstanceUid))}, skipped ${JSON.stringify(report.skipped)}`).toBe(1);
      const entry = found[0]!;
      expect(entry.slices, `no grid: ${entry.warnings.join('; ')}`).not.toBeNull();
      expect(entry.modality).toBe(pyd.volume.modality);
      expect(entry.frameOfReferenceUid).toBe(pyd.volume.frameOfReferenceUid);
      expect(entry.files).toBe(pyd.volume.files);
      const scanJson = writeJson(dirFor(c, 'app'), 'scan-entry.json', entry);

      // convert: the NIfTI, read by nibabel, is the grid scan describes
      const nii = join(dirFor(c, 'app'), 'volume.nii.gz');
      await appConvert(seriesPath(c), nii, c.seriesInstanceUid || undefined);
      const app = await niftiVolume(nii, dirFor(c, 'app'));
      expectSameGrid(await compareGeometry(scanJson, app), 'scan --json vs the converted NIfTI');

      if (c.kind !== 'resampled') {
        // no resampling: the app's grid IS the DICOM grid; i runs along the rows, j along the columns
        expect([entry.columns, entry.rows, entry.slices]).toEqual([pyd.volume.columns, pyd.volume.rows, pyd.volume.slices]);
        const g = await compareGeometry(scanJson, pyd.json);
        expectSameGrid(g, 'scan --json vs pydicom');
        expect(g.permutation, 'i = column index, j = row index, k = slice index').toEqual([0, 1, 2]);
        expect(g.signs.slice(0, 2), 'i along ImageOrientationPatient[0:3], j along [3:6]').toEqual([1, 1]);

        const vp = await compareExact(app, pyd.json);
        expectSameGrid(vp, 'NIfTI vs pydicom');
        expect(vp.maxAbsDiff!, `max |ours - pydicom| (${vp.countDiff} voxels differ)`).toBeLessThanOrEqual(c.valueTolerance);
        // PixelPaddingValue voxels (left out above) must hold what the scanner wrote, like every other voxel.
        if (vp.paddedVoxels) expect(vp.testValuesAtPadding, `values of ${vp.paddedVoxels} padded voxels`).toEqual(vp.refValuesAtPadding);

        if (d2n.json && dcm2niixChecksValues(c)) {
          const vd = await compareExact(app, d2n.json, pyd.json); // pydicom's padding mask: dcm2niix keeps none
          expectSameGrid(vd, 'NIfTI vs dcm2niix');
          expect(vd.maxAbsDiff!, `max |ours - dcm2niix| (${vd.countDiff} voxels differ)`).toBeLessThanOrEqual(c.valueTolerance);
        } else if (d2n.json) {
          expectSameGrid(await compareGeometry(app, d2n.json), `NIfTI vs dcm2niix, geometry only (${c.dcm2niix})`);
        }
        return;
      }

      // resampled: the raw slices are the truth, read at our voxel centres (bilinear in-plane, linear along the normal)
      const rp = await compareResampled(app, pyd.json);
      const sp = rp.refAtTestVoxels;
      expect(sp.n, 'our voxels inside the scanned slab').toBeGreaterThan(0);
      expect(sp.median!, `median |ours - pydicom slices| HU: ${JSON.stringify(sp)}`).toBeLessThanOrEqual(T.resampled.medianHu);
      expect(sp.p99!, `p99 |ours - pydicom slices| HU: ${JSON.stringify(sp)}`).toBeLessThanOrEqual(T.resampled.p99Hu);
      expect(rp.coverage, 'share of the original voxel centres inside our grid (nothing cropped)').toBeGreaterThanOrEqual(T.resampled.coverage);
      if (rp.onTestGridNodes.n > 0) {
        // where an original voxel centre is one of our grid nodes, interpolation is the identity
        expect(rp.onTestGridNodes.max!, `on-plane |ours - pydicom| HU: ${JSON.stringify(rp.onTestGridNodes)}`).toBeLessThanOrEqual(T.resampled.onGridNodesHu);
      }
      // and dcm2niix's corrected copy (_Tilt_Eq_1 / _Eq_1), the finer grid sampled at the coarser one's voxels
      expect(d2n.json).not.toBeNull();
      const rd = await compareResampled(app, d2n.json!, pyd.json); // only where the scanner had data
      const sd = rd[rd.fair];
      const tol = T.resampledVsDcm2niix;
      expect(sd.n, `points compared with dcm2niix ${d2n.index.selected}`).toBeGreaterThan(0);
      expect(sd.median!, `median |ours - dcm2niix ${d2n.index.selected}| HU (${rd.fair}): ${JSON.stringify(sd)}`).toBeLessThanOrEqual(tol.medianHu);
      expect(sd.p99!, `p99 |ours - dcm2niix ${d2n.index.selected}| HU (${rd.fair}): ${JSON.stringify(sd)}`).toBeLessThanOrEqual(tol.p99Hu);
    });
  }
});
