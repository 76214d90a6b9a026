import type { Dataset } from '../dicom/write/dataset.ts';
import { dataset, multi, tag } from '../dicom/write/dataset.ts';
import { derivedObjectEntries } from './common-modules.ts';
import { formatDs, formatIs, quoted, singleValueProblem } from '../dicom/write/values.ts';
import { SopClass } from '../dicom/tags.ts';
import { DelineateError } from '../errors.ts';
import { planeBoxes, simplifyLoop, tracePlane, type PlaneBox } from './contour-extract.ts';
import { joinHoles } from './keyhole.ts';
import { instancesOf, sliceReferenceEntries, type Generation, type ImageReference } from './reference.ts';
import type { Rgb } from './rtstruct-read.ts';

export interface StructureToExport {
  readonly name: string;
  /** RTROIInterpretedType: ORGAN, GTV, CTV, PTV, AVOIDANCE, EXTERNAL, ... ('' leaves it empty, Type 2). */
  readonly type: string;
  readonly colour: Rgb;
  readonly generation: Generation;
  /** Voxels on the reference grid; the structure is where value === label. */
  readonly voxels: ArrayLike<number>;
  readonly label: number;
}

export interface WriterIdentity {
  readonly newUid: () => string;
  /** Local date and time, and the offset from UTC written beside them. */
  readonly now: { readonly date: string; readonly time: string; readonly utcOffset: string };
  readonly manufacturer: string;
  readonly softwareVersion: string;
  readonly interpreter: string;
  readonly label: string;
}

export interface RtStructBuild {
  readonly dataset: Dataset;
  readonly sopInstanceUid: string;
  /** Contours written per structure, in the order given. */
  readonly contourCounts: number[];
  /** What the file cannot hold of the structures (drawing between the slices of a resampled series). */
  readonly warnings: string[];
}

/** Detached Study Management SOP Class: the conventional class of an RTReferencedStudySequence item. */
const detachedStudyClass = '1.2.840.10008.3.1.2.3.1';

/**
 * Builds an RT Structure Set (PS3.3 A.19) on `ref`: one ROI per structure, closed planar contours on the exact
 * plane of every referenced slice the structure touches, one contour per connected region with its holes
 * joined by keyhole cuts (see keyhole.ts and docs/RTSTRUCT.md for why).
 */
export function buildRtStruct(ref: ImageReference, structures: readonly StructureToExport[], id: WriterIdentity): RtStructBuild {
  if (structures.length === 0) throw new DelineateError('invalid-input', 'An RTSTRUCT needs at least one structure');
  for (const s of structures) {
    if (s.colour.length !== 3 || s.colour.some((c) => !Number.isInteger(c) || c < 0 || c > 255)) {
      throw new DelineateError('invalid-input', `Structure "${s.name}": colour ${s.colour.join(',')} is not three whole numbers 0 to 255`);
    }
    const nameProblem = singleValueProblem(s.name);
    if (nameProblem) throw new DelineateError('invalid-input', `Structure ${quoted(s.name)}: the name cannot be written, ${nameProblem}; rename it`);
    if (!/^[A-Z0-9_ ]{0,16}$/.test(s.type.toUpperCase())) {
      throw new DelineateError(
        'invalid-input',
        `Structure "${s.name}": type ${quoted(s.type)} is not an RT ROI Interpreted Type (up to 16 letters, digits, _ or space: ORGAN, GTV, CTV, PTV, AVOIDANCE, EXTERNAL, ...)`,
      );
    }
  }
  const labelProblem = singleValueProblem(id.label);
  if (labelProblem) throw new DelineateError('invalid-input', `Label ${quoted(id.label)} cannot be written: ${labelProblem}`);
  const sopInstanceUid = id.newUid();
  const g = ref.grid;
  const d = g.direction;
  const normal = [d[6], d[7], d[8]] as const;
  const [width, height] = g.dims;
  const slicesByPlane = new Map<number, ImageReference['slices'][number][]>();
  for (const slice of ref.slices) slicesByPlane.set(slice.k, [...(slicesByPlane.get(slice.k) ?? []), slice]);

  const contourCounts: number[] = [];
  const warnings: string[] = [];
  const boxesOf = boxesPerStructure(structures, g.dims);
  const roiContours = structures.map((structure, s) => {
    const boxes = boxesOf[s]!;
    const contours: Dataset[] = [];
    const between = boxes.reduce((count, box, k) => (box && !slicesByPlane.has(k) ? count + 1 : count), 0);
    for (const [k, slices] of slicesByPlane) {
      const box = boxes[k];
      if (!box) continue;
      const loops = joinHoles(tracePlane(structure.voxels, width, k * width * height, structure.label, box).map((loop) => simplifyLoop(loop)));
      for (const slice of slices) {
        for (const points of loops) {
          contours.push(
            dataset([
              [tag(0x3006, 0x0016), 'SQ', [dataset(sliceReferenceEntries(slice))]],
              [tag(0x3006, 0x0042), 'CS', 'CLOSED_PLANAR'],
              [tag(0x3006, 0x0046), 'IS', formatIs(points.length / 2)],
              [tag(0x3006, 0x0050), 'DS', contourData(points, k, slice.offsetMm, g, normal)],
            ]),
          );
        }
      }
    }
    contourCounts.push(contours.length);
    if (between > 0) {
      // A resampled series has planes between its slices; contours can only lie on the slices themselves.
      warnings.push(
        contours.length === 0
          ? `Structure "${structure.name}" has no contour in the file: it is drawn only on ${between} plane(s) between the image's slices (the series was resampled)`
          : `Structure "${structure.name}": what is drawn on ${between} plane(s) between the image's slices (the series was resampled) is not in the file`,
      );
    }
    return dataset([
      [tag(0x3006, 0x002a), 'IS', multi(structure.colour)],
      // ContourSequence is Type 3 with 1-n items: an empty structure has none rather than an empty one.
      ...(contours.length > 0 ? [[tag(0x3006, 0x0040), 'SQ', contours] as const] : []),
      [tag(0x3006, 0x0084), 'IS', formatIs(s + 1)],
    ]);
  });

  const roiItems = structures.map((structure, s) =>
    dataset([
      [tag(0x3006, 0x0022), 'IS', formatIs(s + 1)],
      [tag(0x3006, 0x0024), 'UI', ref.frameOfReferenceUid],
      [tag(0x3006, 0x0026), 'LO', clip(structure.name, 64)],
      [tag(0x3006, 0x0036), 'CS', structure.generation.algorithm],
      ...(structure.generation.description ? [[tag(0x3006, 0x0038), 'LO', clip(structure.generation.description, 64)] as const] : []),
    ]),
  );
  const observations = structures.map((structure, s) =>
    dataset([
      [tag(0x3006, 0x0082), 'IS', formatIs(s + 1)],
      [tag(0x3006, 0x0084), 'IS', formatIs(s + 1)],
      [tag(0x3006, 0x00a4), 'CS', structure.type.toUpperCase()],
      [tag(0x3006, 0x00a6), 'PN', id.interpreter],
    ]),
  );
  const referencedSeries = dataset([
    [tag(0x0020, 0x000e), 'UI', ref.seriesInstanceUid],
    [tag(0x3006, 0x0016), 'SQ', instancesOf(ref.slices).map((instance) => dataset(sliceReferenceEntries(instance)))],
  ]);
  const referencedStudy = dataset([
    [tag(0x0008, 0x1150), 'UI', detachedStudyClass],
    [tag(0x0008, 0x1155), 'UI', ref.studyInstanceUid],
    [tag(0x3006, 0x0014), 'SQ', [referencedSeries]],
  ]);
  const frame = dataset([
    [tag(0x0020, 0x0052), 'UI', ref.frameOfReferenceUid],
    [tag(0x3006, 0x0012), 'SQ', [referencedStudy]],
  ]);

  const ds = dataset([
    ...derivedObjectEntries(ref, id, SopClass.RTStructureSet, sopInstanceUid, 'RTSTRUCT'),
    [tag(0x0008, 0x1070), 'PN', ''],
    [tag(0x3006, 0x0002), 'SH', clip(id.label, 16)],
    [tag(0x3006, 0x0008), 'DA', id.now.date],
    [tag(0x3006, 0x0009), 'TM', id.now.time],
    [tag(0x3006, 0x0010), 'SQ', [frame]],
    [tag(0x3006, 0x0020), 'SQ', roiItems],
    [tag(0x3006, 0x0039), 'SQ', roiContours],
    [tag(0x3006, 0x0080), 'SQ', observations],
  ]);
  return { dataset: ds, sopInstanceUid, contourCounts, warnings };
}

/**
 * Per structure, its box on each plane. Structures sharing one voxel array (a label map) are found in one
 * pass over it, not one pass each.
 */
export function boxesPerStructure(structures: readonly StructureToExport[], dims: readonly [number, number, number]): (PlaneBox | undefined)[][] {
  const out = new Array<(PlaneBox | undefined)[]>(structures.length);
  const groups = new Map<ArrayLike<number>, number[]>();
  structures.forEach((s, n) => groups.set(s.voxels, [...(groups.get(s.voxels) ?? []), n]));
  for (const [voxels, members] of groups) {
    const boxes = planeBoxes(voxels, dims, members.map((n) => structures[n]!.label));
    members.forEach((n, m) => (out[n] = boxes[m]!));
  }
  return out;
}

/** x\y\z of each loop point in LPS mm, on the slice plane: the grid plane moved `offsetMm` along the normal. */
function contourData(
  ij: Float64Array,
  k: number,
  offsetMm: number,
  g: ImageReference['grid'],
  normal: readonly [number, number, number],
): string {
  const d = g.direction;
  const [si, sj, sk] = g.spacing;
  const baseX = g.origin[0] + d[6] * k * sk + normal[0] * offsetMm;
  const baseY = g.origin[1] + d[7] * k * sk + normal[1] * offsetMm;
  const baseZ = g.origin[2] + d[8] * k * sk + normal[2] * offsetMm;
  const count = ij.length / 2;
  const world = new Float64Array(count * 3);
  for (let n = 0; n < count; n++) {
    const a = ij[2 * n]! * si;
    const b = ij[2 * n + 1]! * sj;
    world[3 * n] = baseX + d[0] * a + d[3] * b;
    world[3 * n + 1] = baseY + d[1] * a + d[4] * b;
    world[3 * n + 2] = baseZ + d[2] * a + d[5] * b;
  }
  const parts = new Array<string>(world.length);
  for (let n = 0; n < world.length; n++) parts[n] = formatDs(world[n]!, 3);
  return parts.join('\\');
}

function clip(text: string, length: number): string {
  return text.length <= length ? text : text.slice(0, length);
}
