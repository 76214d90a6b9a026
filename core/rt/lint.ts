import type { DataSet, Element } from 'dicom-parser';
import { parseDataSet } from '../dicom/header.ts';
import { SopClass } from '../dicom/tags.ts';
import { requiredAttributes, type Requirement } from './lint-requirements.ts';
import { RtTag } from './tags.ts';
import { items, text } from './dataset-read.ts';

/** The image a file is checked against, when there is one. */
export interface LintImage {
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string;
  readonly sopInstanceUids: ReadonlySet<string>;
  /** Unit normal of the slices and each slice's distance along it (mm). */
  readonly normal: readonly [number, number, number];
  readonly sliceHeights: readonly number[];
}

export interface LintReport {
  readonly kind: 'RTSTRUCT' | 'SEG' | 'other';
  /** Problems that make a planning system refuse or misread the file. */
  readonly errors: string[];
  /** Oddities worth knowing that readers survive. */
  readonly warnings: string[];
}

/** Slice planes are matched within this distance (mm): DS positions are written to a micron or so. */
const planeToleranceMm = 0.05;
/** Tags whose VR is DS, for files written in implicit VR (the parser cannot tell VRs there). */
const knownDsTags = new Set([RtTag.ContourData, 'x00200032', 'x00200037', 'x00280030', 'x00180050', 'x00181050', 'x00281050', 'x00281051', 'x00281052', 'x00281053']);

/** Checks an RTSTRUCT or SEG file against the rules that planning systems and dciodvfy care about. */
export function lintDicom(bytes: Uint8Array, source: string, image?: LintImage): LintReport {
  const ds = parseDataSet(bytes, source, false);
  const sopClass = (ds.string('x00080016') ?? '').trim();
  const kind = sopClass === SopClass.RTStructureSet ? 'RTSTRUCT' : sopClass === SopClass.Segmentation ? 'SEG' : 'other';
  const errors: string[] = [];
  const warnings: string[] = [];
  if (kind === 'other') {
    errors.push(`SOP class ${sopClass || '(missing)'} is neither an RT Structure Set nor a Segmentation`);
    return { kind, errors, warnings };
  }
  if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') {
    warnings.push('No DICOM preamble and File Meta header (not a DICOM Part 10 file)');
  }
  checkRequired(ds, requiredAttributes[kind], '', errors, warnings);
  checkValueRules(ds, '', errors);
  if (kind === 'RTSTRUCT') lintStructureSet(ds, errors, warnings, image);
  else lintSegmentation(ds, errors, warnings, image);
  return { kind, errors, warnings };
}


function checkRequired(ds: DataSet, requirements: readonly Requirement[], where: string, errors: string[], warnings: string[]): void {
  for (const r of requirements) {
    const element = ds.elements[r.tag];
    const place = `${where}${r.name}`;
    if (!element) {
      if (r.type === 3) continue;
      if (r.recent) warnings.push(`${place} is missing (Type ${r.type} in the current standard; older readers do not need it)`);
      else errors.push(`${place} is missing (Type ${r.type})`);
      continue;
    }
    const empty = element.items ? element.items.length === 0 : element.length === 0;
    if (r.type === 1 && empty) errors.push(`${place} is empty, but a value is required (Type 1)`);
    if (r.type === 3 && empty && element.items) errors.push(`${place} is present with no items: leave it out instead`);
    if (r.items && element.items) {
      element.items.forEach((item, n) => item.dataSet && checkRequired(item.dataSet, r.items!, `${place}[${n + 1}] > `, errors, warnings));
    }
  }
}

/** DS at most 16 characters per value, UIDs at most 64 of digits and dots, even value lengths. */
function checkValueRules(ds: DataSet, where: string, errors: string[]): void {
  for (const [t, element] of Object.entries(ds.elements) as [string, Element][]) {
    if (element.items) {
      element.items.forEach((item, n) => item.dataSet && checkValueRules(item.dataSet, `${where}${t}[${n + 1}] > `, errors));
      continue;
    }
    if (element.length !== undefined && element.length % 2 !== 0 && element.length !== 0xffffffff) errors.push(`${where}${t} has an odd value length (${element.length})`);
    const isDs = element.vr === 'DS' || (element.vr === undefined && knownDsTags.has(t));
    if (isDs) {
      const values = (ds.string(t) ?? '').split('\\');
      const long = values.find((v) => v.trim().length > 16);
      if (long !== undefined) errors.push(`${where}${t}: the decimal value "${long.trim()}" has more than 16 characters`);
      const bad = values.find((v) => v.trim() !== '' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim()));
      if (bad !== undefined) errors.push(`${where}${t}: "${bad.trim()}" is not a decimal number`);
    }
    if (element.vr === 'UI') {
      const uid = (ds.string(t) ?? '').replace(/\0+$/, '');
      if (uid.length > 64 || (uid !== '' && !/^\d+(\.\d+)*$/.test(uid))) errors.push(`${where}${t}: "${uid}" is not a valid UID (digits and dots, at most 64)`);
    }
  }
}

function lintStructureSet(ds: DataSet, errors: string[], warnings: string[], image?: LintImage): void {
  const frames = items(ds, RtTag.ReferencedFrameOfReferenceSequence);
  if (frames.length === 0) warnings.push('No ReferencedFrameOfReferenceSequence: readers cannot tell which image the contours belong to');
  const frameUids = new Set(frames.map((f) => text(f, RtTag.FrameOfReferenceUID)));
  const series = frames.flatMap((f) => items(f, RtTag.RTReferencedStudySequence)).flatMap((s) => items(s, RtTag.RTReferencedSeriesSequence));
  const listedImages = new Set(series.flatMap((s) => items(s, RtTag.ContourImageSequence)).map((c) => text(c, RtTag.ReferencedSOPInstanceUID)));
  if (image) {
    if (frames.length > 0 && !frameUids.has(image.frameOfReferenceUid)) errors.push(`The referenced frame of reference is not the image's (${image.frameOfReferenceUid})`);
    if (series.length > 0 && !series.some((s) => text(s, RtTag.SeriesInstanceUID) === image.seriesInstanceUid)) {
      errors.push(`The referenced series is not the image series ${image.seriesInstanceUid}`);
    }
    const missing = [...listedImages].filter((uid) => !image.sopInstanceUids.has(uid));
    if (missing.length > 0) errors.push(`${missing.length} image(s) listed in ContourImageSequence are not slices of the image series`);
  }

  const numbers = new Map<number, string>();
  for (const roi of items(ds, RtTag.StructureSetROISequence)) {
    const number = Number(text(roi, RtTag.ROINumber));
    const name = text(roi, RtTag.ROIName);
    if (numbers.has(number)) errors.push(`ROI number ${number} is used twice ("${numbers.get(number)}" and "${name}")`);
    numbers.set(number, name);
    const frame = text(roi, RtTag.ReferencedFrameOfReferenceUID);
    if (frames.length > 0 && frame && !frameUids.has(frame)) errors.push(`ROI ${number} "${name}" names a frame of reference that is not in ReferencedFrameOfReferenceSequence`);
  }
  lintRoiNames([...numbers.values()], errors, warnings);
  const label = (n: number) => `ROI ${n} "${numbers.get(n) ?? '?'}"`;
  for (const observation of items(ds, RtTag.RTROIObservationsSequence)) {
    const n = Number(text(observation, RtTag.ReferencedROINumber));
    if (!numbers.has(n)) errors.push(`An RT ROI observation refers to ROI ${n}, which does not exist`);
  }
  for (const roiContour of items(ds, RtTag.ROIContourSequence)) {
    const n = Number(text(roiContour, RtTag.ReferencedROINumber));
    if (!numbers.has(n)) errors.push(`A ROI contour refers to ROI ${n}, which does not exist`);
    const colour = (roiContour.string(RtTag.ROIDisplayColor) ?? '').split('\\');
    if (!roiContour.elements[RtTag.ROIDisplayColor]) warnings.push(`${label(n)} has no display colour`);
    else if (colour.length !== 3 || colour.some((c) => !/^\s*\d+\s*$/.test(c) || Number(c) > 255)) errors.push(`${label(n)}: display colour "${colour.join('\\')}" is not three values 0 to 255`);
    items(roiContour, RtTag.ContourSequence).forEach((contour, c) => lintContour(contour, `${label(n)} contour ${c + 1}`, errors, warnings, listedImages, image));
  }
}

/** Eclipse keeps a structure's ID in 16 characters (which is why TG-263 names fit in 16). */
const shortIdLength = 16;

/** Names a planning system would split, merge or rename on import. */
function lintRoiNames(names: readonly string[], errors: string[], warnings: string[]): void {
  for (const name of names) if (name.includes('\\')) errors.push(`ROI name "${name}" holds a backslash: it is read as ${name.split('\\').length} values`);
  const seen = new Map<string, string>();
  const seenShort = new Map<string, string>();
  for (const name of names) {
    const same = seen.get(name.toUpperCase());
    if (same !== undefined) warnings.push(`ROI names "${same}" and "${name}" are the same: planning systems match structures by name, so one may be renamed or refused`);
    else {
      const short = seenShort.get(name.slice(0, shortIdLength).toUpperCase());
      if (short !== undefined) {
        warnings.push(`ROI names "${short}" and "${name}" share their first ${shortIdLength} characters: systems that keep ${shortIdLength} (Eclipse structure IDs) see one name twice`);
      }
    }
    seen.set(name.toUpperCase(), name);
    seenShort.set(name.slice(0, shortIdLength).toUpperCase(), name);
  }
}

function lintContour(contour: DataSet, where: string, errors: string[], warnings: string[], listedImages: Set<string>, image?: LintImage): void {
  const type = text(contour, RtTag.ContourGeometricType);
  const values = (contour.string(RtTag.ContourData) ?? '').split('\\').map(Number);
  const count = values.length / 3;
  const declared = Number(text(contour, RtTag.NumberOfContourPoints));
  if (!Number.isInteger(count)) {
    errors.push(`${where}: ContourData holds ${values.length} numbers, not a multiple of 3`);
    return;
  }
  if (declared !== count) errors.push(`${where}: NumberOfContourPoints says ${declared}, ContourData holds ${count} points`);
  if (type === 'CLOSED_PLANAR' && count < 3) errors.push(`${where}: a closed contour of ${count} point(s) encloses nothing`);
  for (const item of items(contour, RtTag.ContourImageSequence)) {
    const uid = text(item, RtTag.ReferencedSOPInstanceUID);
    if (listedImages.size > 0 && !listedImages.has(uid)) warnings.push(`${where}: its image ${uid} is not listed in the referenced series`);
  }
  if (type !== 'CLOSED_PLANAR' || count < 3) return;
  const plane = planeOf(values);
  if (plane.spread > planeToleranceMm) errors.push(`${where}: not planar (points lie up to ${plane.spread.toFixed(3)} mm off one plane)`);
  if (image) {
    const [nx, ny, nz] = image.normal;
    const cross = Math.abs(plane.normal[0] * nx + plane.normal[1] * ny + plane.normal[2] * nz);
    if (cross < 0.9999) errors.push(`${where}: not parallel to the image slices`);
    let height = 0;
    for (let n = 0; n < count; n++) height += values[3 * n]! * nx + values[3 * n + 1]! * ny + values[3 * n + 2]! * nz;
    height /= count;
    const nearest = Math.min(...image.sliceHeights.map((h) => Math.abs(h - height)));
    if (nearest > planeToleranceMm) errors.push(`${where}: lies ${nearest.toFixed(3)} mm from the nearest image slice, not on a slice plane`);
  }
}

/** The contour's plane by Newell's method, and how far its points stray from it. */
function planeOf(p: number[]): { normal: [number, number, number]; spread: number } {
  const count = p.length / 3;
  let nx = 0;
  let ny = 0;
  let nz = 0;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let n = 0; n < count; n++) {
    const m = (n + 1) % count;
    const [x0, y0, z0] = [p[3 * n]!, p[3 * n + 1]!, p[3 * n + 2]!];
    const [x1, y1, z1] = [p[3 * m]!, p[3 * m + 1]!, p[3 * m + 2]!];
    nx += (y0 - y1) * (z0 + z1);
    ny += (z0 - z1) * (x0 + x1);
    nz += (x0 - x1) * (y0 + y1);
    cx += x0;
    cy += y0;
    cz += z0;
  }
  const length = Math.hypot(nx, ny, nz);
  // A degenerate (zero-area) contour has no plane of its own: judge it against the axial plane.
  const normal: [number, number, number] = length > 1e-9 ? [nx / length, ny / length, nz / length] : [0, 0, 1];
  cx /= count;
  cy /= count;
  cz /= count;
  let spread = 0;
  for (let n = 0; n < count; n++) {
    const d = Math.abs((p[3 * n]! - cx) * normal[0] + (p[3 * n + 1]! - cy) * normal[1] + (p[3 * n + 2]! - cz) * normal[2]);
    if (d > spread) spread = d;
  }
  return { normal, spread };
}

function lintSegmentation(ds: DataSet, errors: string[], warnings: string[], image?: LintImage): void {
  const segments = items(ds, 'x00620002');
  const numbers = new Set<number>();
  for (const segment of segments) {
    const n = segment.uint16('x00620004') ?? 0;
    if (numbers.has(n)) errors.push(`Segment number ${n} is used twice`);
    numbers.add(n);
  }
  const frames = Number(text(ds, 'x00280008') || '1');
  const perFrame = items(ds, 'x52009230');
  if (perFrame.length !== frames) errors.push(`NumberOfFrames is ${frames}, but there are ${perFrame.length} per-frame functional group items`);
  perFrame.forEach((frame, f) => {
    const id = items(frame, 'x0062000a')[0];
    const n = id?.uint16('x0062000b');
    if (n === undefined || !numbers.has(n)) errors.push(`Frame ${f + 1} refers to segment ${n ?? '(none)'}, which does not exist`);
  });
  if (image) {
    if (text(ds, 'x00200052') !== image.frameOfReferenceUid) errors.push(`The frame of reference is not the image's (${image.frameOfReferenceUid})`);
    const referenced = items(ds, 'x00081115').map((s) => text(s, 'x0020000e'));
    if (!referenced.includes(image.seriesInstanceUid)) errors.push(`ReferencedSeriesSequence does not name the image series ${image.seriesInstanceUid}`);
  }
  if (segments.length === 0) warnings.push('The segmentation has no segments');
}
