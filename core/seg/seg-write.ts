import type { Dataset } from '../dicom/write/dataset.ts';
import { dataset, multi, tag } from '../dicom/write/dataset.ts';
import { formatDs, quoted, singleValueProblem } from '../dicom/write/values.ts';
import { SopClass } from '../dicom/tags.ts';
import { DelineateError } from '../errors.ts';
import { derivedObjectEntries } from '../rt/common-modules.ts';
import { instancesOf, sliceReferenceEntries, type ImageReference } from '../rt/reference.ts';
import type { PlaneBox } from '../rt/contour-extract.ts';
import { boxesPerStructure, type StructureToExport, type WriterIdentity } from '../rt/rtstruct-write.ts';
import type { Code } from './codes.ts';
import { defaultCodes } from './codes.ts';
import { labFromRgb } from './colour.ts';

export interface SegmentToExport extends StructureToExport {
  readonly category?: Code;
  readonly propertyType?: Code;
}

export interface SegBuild {
  readonly dataset: Dataset;
  readonly sopInstanceUid: string;
  readonly framesPerSegment: number[];
}

const codeItem = (c: Code): Dataset =>
  dataset([
    [tag(0x0008, 0x0100), 'SH', c.value],
    [tag(0x0008, 0x0102), 'SH', c.scheme],
    [tag(0x0008, 0x0104), 'LO', c.meaning],
  ]);

/**
 * Builds a binary DICOM Segmentation (PS3.3 A.51): one segment per structure, one frame per grid plane the
 * structure touches (planes without it are left out), frames bit-packed least significant bit first.
 */
export function buildSegmentation(ref: ImageReference, segments: readonly SegmentToExport[], id: WriterIdentity): SegBuild {
  if (segments.length === 0) throw new DelineateError('invalid-input', 'A segmentation needs at least one structure');
  for (const { name } of segments) {
    const problem = singleValueProblem(name);
    if (problem) throw new DelineateError('invalid-input', `Structure ${quoted(name)}: the name cannot be written, ${problem}; rename it`);
  }
  const g = ref.grid;
  const [columns, rows, depth] = g.dims;
  const planeSize = columns * rows;
  const d = g.direction;
  // Frames name their source slice only where a grid plane is that slice, pixel for pixel (not resampled, or a
  // resampled plane that falls on a slice).
  const sliceOfPlane = new Map(ref.slices.filter((s) => s.planeIsSlice || Math.abs(s.offsetMm) < 1e-3).map((s) => [s.k, s]));
  const sopInstanceUid = id.newUid();

  const planes: { segment: number; k: number; box: PlaneBox }[] = [];
  const boxesOf = boxesPerStructure(segments, g.dims);
  const framesPerSegment = segments.map((_, s) => {
    const boxes = boxesOf[s]!;
    let count = 0;
    for (let k = 0; k < depth; k++) {
      if (!boxes[k]) continue;
      planes.push({ segment: s, k, box: boxes[k]! });
      count++;
    }
    return count;
  });
  const pixels = new Uint8Array(Math.ceil((planes.length * planeSize) / 8) + 1);
  planes.forEach(({ segment, k, box }, f) => {
    const { voxels, label } = segments[segment]!;
    // Only the structure's box on this plane can hold set bits.
    for (let j = box.minJ; j <= box.maxJ; j++) {
      const from = k * planeSize + j * columns;
      let bit = f * planeSize + j * columns + box.minI;
      for (let i = box.minI; i <= box.maxI; i++, bit++) if (voxels[from + i] === label) pixels[bit >> 3]! |= 1 << (bit & 7);
    }
  });
  const pixelBytes = pixels.subarray(0, Math.ceil((planes.length * planeSize) / 8));

  const perFrame = planes.map(({ segment, k }) => {
    const source = sliceOfPlane.get(k);
    // A frame on a source slice sits where that slice is (its written position, not the grid's median spacing).
    const height = k * g.spacing[2] + (source?.offsetMm ?? 0);
    const position = [g.origin[0] + d[6] * height, g.origin[1] + d[7] * height, g.origin[2] + d[8] * height].map((v) => formatDs(v, 4));
    const derivation = source
      ? [
          [
            tag(0x0008, 0x9124),
            'SQ',
            [
              dataset([
                [
                  tag(0x0008, 0x2112),
                  'SQ',
                  [
                    dataset([
                      ...sliceReferenceEntries(source),
                      [tag(0x0028, 0x135a), 'CS', 'YES'],
                      [tag(0x0040, 0xa170), 'SQ', [codeItem({ value: '121322', scheme: 'DCM', meaning: 'Source image for image processing operation' })]],
                    ]),
                  ],
                ],
                [tag(0x0008, 0x9215), 'SQ', [codeItem({ value: '113076', scheme: 'DCM', meaning: 'Segmentation' })]],
              ]),
            ],
          ] as const,
        ]
      : [];
    return dataset([
      ...derivation,
      [tag(0x0020, 0x9111), 'SQ', [dataset([[tag(0x0020, 0x9157), 'UL', [segment + 1, k + 1]]])]],
      [tag(0x0020, 0x9113), 'SQ', [dataset([[tag(0x0020, 0x0032), 'DS', multi(position)]])]],
      [tag(0x0062, 0x000a), 'SQ', [dataset([[tag(0x0062, 0x000b), 'US', [segment + 1]]])]],
    ]);
  });
  const shared = dataset([
    [tag(0x0020, 0x9116), 'SQ', [dataset([[tag(0x0020, 0x0037), 'DS', multi(d.slice(0, 6).map((v) => formatDs(v, 8)))]])]],
    [
      tag(0x0028, 0x9110),
      'SQ',
      [
        dataset([
          [tag(0x0018, 0x0050), 'DS', formatDs(g.spacing[2], 6)],
          [tag(0x0018, 0x0088), 'DS', formatDs(g.spacing[2], 6)],
          [tag(0x0028, 0x0030), 'DS', multi([formatDs(g.spacing[1], 6), formatDs(g.spacing[0], 6)])],
        ]),
      ],
    ],
  ]);
  const segmentItems = segments.map((segment, s) => {
    const codes = defaultCodes(segment.type);
    const algorithm = segment.generation.algorithm;
    return dataset([
      [tag(0x0062, 0x0003), 'SQ', [codeItem(segment.category ?? codes.category)]],
      [tag(0x0062, 0x0004), 'US', [s + 1]],
      [tag(0x0062, 0x0005), 'LO', segment.name.slice(0, 64)],
      [tag(0x0062, 0x0008), 'CS', algorithm],
      ...(algorithm !== 'MANUAL' ? [[tag(0x0062, 0x0009), 'LO', (segment.generation.description || 'Delineate').slice(0, 64)] as const] : []),
      [tag(0x0062, 0x000d), 'US', labFromRgb(segment.colour)],
      [tag(0x0062, 0x000f), 'SQ', [codeItem(segment.propertyType ?? codes.type)]],
    ]);
  });
  const dimensionUid = id.newUid();
  const dimension = (pointer: number, group: number, label: string) =>
    dataset([
      [tag(0x0020, 0x9164), 'UI', dimensionUid],
      [tag(0x0020, 0x9165), 'AT', [pointer]],
      [tag(0x0020, 0x9167), 'AT', [group]],
      [tag(0x0020, 0x9421), 'LO', label],
    ]);

  const ds = dataset([
    ...derivedObjectEntries(ref, id, SopClass.Segmentation, sopInstanceUid, 'SEG'),
    [tag(0x0008, 0x0008), 'CS', 'DERIVED\\PRIMARY'],
    [tag(0x0008, 0x0023), 'DA', id.now.date],
    [tag(0x0008, 0x0033), 'TM', id.now.time],
    [
      tag(0x0008, 0x1115),
      'SQ',
      [
        dataset([
          [
            tag(0x0008, 0x114a),
            'SQ',
            instancesOf(ref.slices).map((instance) => dataset(sliceReferenceEntries(instance))),
          ],
          [tag(0x0020, 0x000e), 'UI', ref.seriesInstanceUid],
        ]),
      ],
    ],
    [tag(0x0018, 0x1000), 'LO', '1'],
    [tag(0x0020, 0x0020), 'CS', ''],
    [tag(0x0020, 0x9221), 'SQ', [dataset([[tag(0x0020, 0x9164), 'UI', dimensionUid]])]],
    [tag(0x0020, 0x9222), 'SQ', [dimension(tag(0x0062, 0x000b), tag(0x0062, 0x000a), 'Segment Number'), dimension(tag(0x0020, 0x0032), tag(0x0020, 0x9113), 'Image Position Patient')]],
    [tag(0x0028, 0x0002), 'US', [1]],
    [tag(0x0028, 0x0004), 'CS', 'MONOCHROME2'],
    [tag(0x0028, 0x0008), 'IS', String(planes.length)],
    [tag(0x0028, 0x0010), 'US', [rows]],
    [tag(0x0028, 0x0011), 'US', [columns]],
    [tag(0x0028, 0x0100), 'US', [1]],
    [tag(0x0028, 0x0101), 'US', [1]],
    [tag(0x0028, 0x0102), 'US', [0]],
    [tag(0x0028, 0x0103), 'US', [0]],
    [tag(0x0028, 0x2110), 'CS', '00'],
    [tag(0x0062, 0x0001), 'CS', 'BINARY'],
    [tag(0x0062, 0x0002), 'SQ', segmentItems],
    [tag(0x0070, 0x0080), 'CS', 'SEGMENTATION'],
    [tag(0x0070, 0x0081), 'LO', ''],
    [tag(0x0070, 0x0084), 'PN', ''],
    [tag(0x5200, 0x9229), 'SQ', [shared]],
    [tag(0x5200, 0x9230), 'SQ', perFrame],
    [tag(0x7fe0, 0x0010), 'OB', pixelBytes],
  ]);
  if (planes.length === 0) throw new DelineateError('invalid-input', 'Every structure is empty: a segmentation needs at least one frame');
  return { dataset: ds, sopInstanceUid, framesPerSegment };
}
