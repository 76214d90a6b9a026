import type { DataSet } from 'dicom-parser';
import { parseDataSet } from '../dicom/header.ts';
import { SopClass, TransferSyntax } from '../dicom/tags.ts';
import { DelineateError } from '../errors.ts';
import type { Vec3 } from '../geometry/space.ts';
import type { Rgb } from '../rt/rtstruct-read.ts';
import type { Code } from './codes.ts';
import { rgbFromLab } from './colour.ts';
import { items, text } from '../rt/dataset-read.ts';

export interface SegSegment {
  readonly number: number;
  readonly label: string;
  readonly algorithmType: string;
  readonly algorithmName: string;
  readonly category: Code | undefined;
  readonly type: Code | undefined;
  readonly colour: Rgb | undefined;
}

/** One frame: a plane of pixels for one segment (BINARY, FRACTIONAL) or for all (LABELMAP). */
export interface SegFrame {
  /** 0 for a LABELMAP frame, which holds every segment. */
  readonly segmentNumber: number;
  readonly position: Vec3;
  readonly orientation: readonly [Vec3, Vec3];
  /** [between rows, between columns], mm. */
  readonly pixelSpacing: readonly [number, number];
}

export interface Segmentation {
  readonly source: string;
  readonly kind: 'BINARY' | 'FRACTIONAL' | 'LABELMAP';
  readonly patientId: string;
  readonly frameOfReferenceUid: string;
  readonly referencedSeriesUid: string;
  readonly rows: number;
  readonly columns: number;
  /** FRACTIONAL: the stored value meaning 1.0. */
  readonly maxFractional: number;
  readonly segments: readonly SegSegment[];
  readonly frames: readonly SegFrame[];
  /** Frame f's pixel p (row-major): 0/1 for BINARY, stored value for FRACTIONAL and LABELMAP. */
  readonly pixel: (frame: number, index: number) => number;
  /** BINARY only: the packed bits of all frames, frame f's pixel p at bit f*rows*columns + p (LSB first). */
  readonly packedBits: Uint8Array | undefined;
}


/** Parses a DICOM Segmentation (binary, fractional or label map; uncompressed pixel data). */
export function readSegmentation(bytes: Uint8Array, source: string): Segmentation {
  const ds = parseDataSet(bytes, source, false);
  const sopClass = text(ds, 'x00080016');
  if (sopClass !== SopClass.Segmentation && sopClass !== SopClass.LabelMapSegmentation) {
    throw new DelineateError('bad-data', `${source}: not a DICOM Segmentation (SOP class ${sopClass || 'missing'})`);
  }
  const syntax = text(ds, 'x00020010') || TransferSyntax.ImplicitLittle;
  if (![TransferSyntax.ImplicitLittle, TransferSyntax.ExplicitLittle, TransferSyntax.DeflatedExplicitLittle].includes(syntax as never)) {
    throw new DelineateError('unsupported', `${source}: segmentation pixels in transfer syntax ${syntax} are not supported (uncompressed little endian only)`);
  }
  const kind = text(ds, 'x00620001') as Segmentation['kind'];
  if (kind !== 'BINARY' && kind !== 'FRACTIONAL' && kind !== 'LABELMAP') throw new DelineateError('bad-data', `${source}: SegmentationType "${kind}" is not BINARY, FRACTIONAL or LABELMAP`);
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const bits = ds.uint16('x00280100') ?? 0;
  const frameCount = Number(text(ds, 'x00280008') || '1');
  const pixels = ds.elements['x7fe00010'];
  if (!pixels || pixels.encapsulatedPixelData) throw new DelineateError('unsupported', `${source}: no native (uncompressed) pixel data`);
  const frameSize = rows * columns;
  const needed = Math.ceil((frameSize * frameCount * bits) / 8);
  if (pixels.length < needed) throw new DelineateError('bad-data', `${source}: pixel data holds ${pixels.length} bytes, ${frameCount} frames of ${columns}x${rows} at ${bits} bits need ${needed}`);
  const data = new Uint8Array(ds.byteArray.buffer, ds.byteArray.byteOffset + pixels.dataOffset, pixels.length);
  const pixel = pixelReader(data, bits, frameSize, source);

  const shared = items(ds, 'x52009229')[0];
  const perFrame = items(ds, 'x52009230');
  if (perFrame.length !== frameCount) throw new DelineateError('bad-data', `${source}: ${frameCount} frames but ${perFrame.length} per-frame functional groups`);
  // A functional group is found per frame first, then in the shared groups (PS3.3 C.7.6.16).
  const group = (frame: DataSet, t: string): DataSet | undefined => items(frame, t)[0] ?? (shared && items(shared, t)[0]);
  const frames = perFrame.map((frame, f): SegFrame => {
    const position = numbers(group(frame, 'x00209113'), 'x00200032', 3);
    const orientation = numbers(group(frame, 'x00209116'), 'x00200037', 6);
    const spacing = numbers(group(frame, 'x00289110'), 'x00280030', 2);
    if (!position || !orientation || !spacing) throw new DelineateError('bad-data', `${source}: frame ${f + 1} has no position, orientation or pixel spacing`);
    return {
      segmentNumber: kind === 'LABELMAP' ? 0 : (group(frame, 'x0062000a')?.uint16('x0062000b') ?? 0),
      position: [position[0]!, position[1]!, position[2]!],
      orientation: [
        [orientation[0]!, orientation[1]!, orientation[2]!],
        [orientation[3]!, orientation[4]!, orientation[5]!],
      ],
      pixelSpacing: [spacing[0]!, spacing[1]!],
    };
  });
  const referenced = items(ds, 'x00081115')[0];
  return {
    source,
    kind,
    patientId: text(ds, 'x00100020'),
    frameOfReferenceUid: text(ds, 'x00200052'),
    referencedSeriesUid: referenced ? text(referenced, 'x0020000e') : '',
    rows,
    columns,
    maxFractional: ds.uint16('x00620014') ?? 255,
    segments: items(ds, 'x00620002').map((s) => ({
      number: s.uint16('x00620004') ?? 0,
      label: text(s, 'x00620005'),
      algorithmType: text(s, 'x00620008'),
      algorithmName: text(s, 'x00620009'),
      category: codeOf(items(s, 'x00620003')[0]),
      type: codeOf(items(s, 'x0062000f')[0]),
      colour: s.elements['x0062000d']?.length === 6 ? rgbFromLab([0, 1, 2].map((n) => s.uint16('x0062000d', n)!)) : undefined,
    })),
    frames,
    pixel,
    packedBits: bits === 1 ? data : undefined,
  };
}

function pixelReader(data: Uint8Array, bits: number, frameSize: number, source: string): Segmentation['pixel'] {
  // BINARY frames are packed one bit per pixel, least significant bit first, with no padding between frames.
  if (bits === 1) return (f, p) => (data[(f * frameSize + p) >> 3]! >> ((f * frameSize + p) & 7)) & 1;
  if (bits === 8) return (f, p) => data[f * frameSize + p]!;
  if (bits === 16) return (f, p) => data[2 * (f * frameSize + p)]! | (data[2 * (f * frameSize + p) + 1]! << 8);
  throw new DelineateError('unsupported', `${source}: ${bits}-bit segmentation pixels are not supported`);
}

function numbers(ds: DataSet | undefined, t: string, count: number): number[] | undefined {
  const values = (ds?.string(t) ?? '').split('\\').map(Number);
  return values.length >= count && values.slice(0, count).every(Number.isFinite) ? values : undefined;
}

function codeOf(ds: DataSet | undefined): Code | undefined {
  return ds && { value: text(ds, 'x00080100'), scheme: text(ds, 'x00080102'), meaning: text(ds, 'x00080104') };
}
