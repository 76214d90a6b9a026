import { concat, splice } from './bytes.ts';
import { allVrs, elementHeader, type ElementSite } from './dicom-sites.ts';
import type { Random } from './random.ts';

/**
 * DICOM mutations, each aimed at one element of a real file (found by elementSites): lengths, VRs, values
 * and structure. Lengths of enclosing sequences are deliberately not fixed up: that is part of the damage.
 */
export interface DicomSeed {
  readonly bytes: Uint8Array;
  readonly sites: readonly ElementSite[];
}

/** Attributes whose bad values matter most to the readers, with the VR each has. */
const interestingTags: Record<string, string> = {
  x00020010: 'UI', // TransferSyntaxUID
  x00020002: 'UI', // MediaStorageSOPClassUID
  x00080016: 'UI', // SOPClassUID
  x00080060: 'CS', // Modality
  x00100020: 'LO', // PatientID
  x0020000e: 'UI', // SeriesInstanceUID
  x00200052: 'UI', // FrameOfReferenceUID
  x00180050: 'DS', // SliceThickness
  x00200032: 'DS', // ImagePositionPatient
  x00200037: 'DS', // ImageOrientationPatient
  x00280002: 'US', // SamplesPerPixel
  x00280004: 'CS', // PhotometricInterpretation
  x00280006: 'US', // PlanarConfiguration
  x00280008: 'IS', // NumberOfFrames
  x00280010: 'US', // Rows
  x00280011: 'US', // Columns
  x00280030: 'DS', // PixelSpacing
  x00280100: 'US', // BitsAllocated
  x00280101: 'US', // BitsStored
  x00280102: 'US', // HighBit
  x00280103: 'US', // PixelRepresentation
  x00280120: 'US', // PixelPaddingValue
  x00281050: 'DS', // WindowCenter
  x00281051: 'DS', // WindowWidth
  x00281052: 'DS', // RescaleIntercept
  x00281053: 'DS', // RescaleSlope
  x00209157: 'UL', // DimensionIndexValues
  x30060022: 'IS', // ROINumber
  x30060024: 'UI', // ReferencedFrameOfReferenceUID
  x3006002a: 'IS', // ROIDisplayColor
  x30060042: 'CS', // ContourGeometricType
  x30060046: 'IS', // NumberOfContourPoints
  x30060050: 'DS', // ContourData
  x30060084: 'IS', // ReferencedROINumber
  x00620001: 'CS', // SegmentationType
  x00620004: 'US', // SegmentNumber
  x0062000b: 'US', // ReferencedSegmentNumber
  x0062000d: 'US', // RecommendedDisplayCIELabValue
  x00620014: 'US', // MaximumFractionalValue
  x7fe00010: 'OB', // PixelData
};

const absurdStrings = ['0', '-1', '-0', '1e308', '-1e308', 'NaN', 'Infinity', '-Infinity', '2147483647', '4294967296', '99999999999999999999', '1e-320', '', ' ', '\\', '\\\\\\', '1\\2', 'abc', '0x10', '1.2.3..4', '\u00ff\u00fe'];
const syntaxes = ['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99', '1.2.840.10008.1.2.5', '1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.100', '9.9.9'];

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

/** A defined-length element to damage: an interesting one with probability `focus`, else any. */
function pickSite(seed: DicomSeed, random: Random, focus: number, usable: (s: ElementSite) => boolean = () => true): ElementSite | undefined {
  const sites = seed.sites.filter(usable);
  const interesting = sites.filter((s) => s.tag in interestingTags);
  const from = interesting.length > 0 && random.chance(focus) ? interesting : sites;
  return from.length > 0 ? random.pick(from) : undefined;
}

function writeLength(bytes: Uint8Array, site: ElementSite, value: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (site.lengthOffset + site.lengthSize > bytes.length) return;
  if (site.lengthSize === 2) view.setUint16(site.lengthOffset, value & 0xffff, site.littleEndian);
  else view.setUint32(site.lengthOffset, value >>> 0, site.littleEndian);
}

/** The file with one element's value replaced (its length field rewritten; even length, as DICOM requires). */
export function replaceValue(bytes: Uint8Array, site: ElementSite, value: Uint8Array): Uint8Array {
  const padded = value.length % 2 ? concat(value, ascii(' ')) : value;
  const head = bytes.slice(0, site.dataOffset);
  writeLength(head, site, site.lengthSize === 2 ? Math.min(padded.length, 0xffff) : padded.length);
  return concat(head, padded, bytes.subarray(site.dataOffset + site.length));
}

function vrOf(site: ElementSite): string {
  return site.vr ?? interestingTags[site.tag] ?? 'UN';
}

/** A value that is legal bytes but an absurd number, string or size for the element's VR. */
function absurdValue(vr: string, random: Random): Uint8Array {
  const binary = (size: number, write: (view: DataView) => void) => {
    const out = new Uint8Array(size * random.between(1, 3));
    for (let at = 0; at < out.length; at += size) write(new DataView(out.buffer, at, size));
    return out;
  };
  switch (vr) {
    case 'US':
    case 'SS':
      return binary(2, (v) => v.setUint16(0, random.pick([0, 1, 0x7fff, 0x8000, 0xffff, random.int(0x10000)]), true));
    case 'UL':
    case 'SL':
    case 'AT':
      return binary(4, (v) => v.setUint32(0, random.pick([0, 1, 0x7fffffff, 0x80000000, 0xffffffff, random.int(2 ** 32)]), true));
    case 'FL':
      return binary(4, (v) => v.setFloat32(0, random.pick([NaN, Infinity, -Infinity, 3.4e38, -0, 1e-45]), true));
    case 'FD':
      return binary(8, (v) => v.setFloat64(0, random.pick([NaN, Infinity, -Infinity, 1.7e308, -0, 5e-324]), true));
    case 'OB':
    case 'OW':
    case 'UN':
    case 'OF':
    case 'OD':
      return random.bytes(random.pick([0, 1, 2, 7, 64, 1000]));
    case 'SQ':
      return random.bytes(random.int(32));
    default: {
      if (random.chance(0.15)) return ascii('9'.repeat(random.pick([64, 4096, 65534])));
      if (random.chance(0.15)) return random.bytes(random.int(40));
      const count = random.chance(0.7) ? 1 : random.between(2, 12);
      return ascii(Array.from({ length: count }, () => random.pick(absurdStrings)).join('\\'));
    }
  }
}

export function absurdLength(seed: DicomSeed, random: Random): Uint8Array {
  const site = pickSite(seed, random, 0.5);
  if (!site) return seed.bytes.slice();
  const out = seed.bytes.slice();
  const remaining = out.length - site.dataOffset;
  const choice = random.int(4);
  const value =
    choice === 0 ? 0xffffffff : choice === 1 ? remaining + random.between(1, 1 << 20) : choice === 2 ? random.int(2 ** 32) : site.length + random.pick([-3, -2, -1, 1, 2, 3]);
  writeLength(out, site, site.lengthSize === 2 ? Math.min(value, 0xffff) : value);
  return out;
}

export function lengthPastEnd(seed: DicomSeed, random: Random): Uint8Array {
  const site = pickSite(seed, random, 0.5);
  if (!site) return seed.bytes.slice();
  const out = seed.bytes.slice();
  writeLength(out, site, out.length - site.dataOffset + random.between(1, 4096));
  return out;
}

/** An explicit VR swapped for another (a long one shifts where the parser reads the length), or garbage. */
export function wrongVr(seed: DicomSeed, random: Random): Uint8Array {
  const site = pickSite(seed, random, 0.5, (s) => s.vr !== undefined);
  if (!site) return seed.bytes.slice();
  const out = seed.bytes.slice();
  const vr = random.chance(0.85) ? random.pick(allVrs) : String.fromCharCode(random.int(256), random.int(256));
  out[site.headerOffset + 4] = vr.charCodeAt(0) & 0xff;
  out[site.headerOffset + 5] = vr.charCodeAt(1) & 0xff;
  return out;
}

export function absurdValueOf(seed: DicomSeed, random: Random): Uint8Array {
  const site = pickSite(seed, random, 0.7, (s) => !s.undefinedLength && vrOf(s) !== 'SQ');
  return site ? replaceValue(seed.bytes, site, absurdValue(vrOf(site), random)) : seed.bytes.slice();
}

/** Rows, Columns and NumberOfFrames set to sizes no file of this length can hold (frames added when absent). */
export function hugeDimensions(seed: DicomSeed, random: Random): Uint8Array {
  let bytes = seed.bytes;
  let sites = seed.sites;
  const edits: [string, string, Uint8Array][] = [];
  const us = (value: number) => Uint8Array.of(value & 0xff, value >> 8);
  if (random.chance(0.6)) edits.push(['x00280010', 'US', us(random.pick([0xffff, 0x8000, 4096, 0]))]);
  if (random.chance(0.6)) edits.push(['x00280011', 'US', us(random.pick([0xffff, 0x8000, 4096, 0]))]);
  if (edits.length === 0 || random.chance(0.5)) edits.push(['x00280008', 'IS', ascii(random.pick(['2147483647', '1000000000', '65536', '100000', '0', '-5', '1e9']))]);
  for (const [tag, vr, value] of edits) {
    const site = sites.find((s) => s.tag === tag && s.depth === 0);
    const like = sites.find((s) => s.depth === 0 && !s.tag.startsWith('x0002'));
    if (!like) continue;
    // Big-endian data holds US values the other way round.
    const v = vr === 'US' && !like.littleEndian ? Uint8Array.of(value[1]!, value[0]!) : value;
    const before = bytes.length;
    if (site) bytes = replaceValue(bytes, site, v);
    else {
      const at = insertionPoint(sites, tag, bytes.length);
      bytes = splice(bytes, at, 0, concat(elementHeader(tag, vr, v.length + (v.length % 2), like), v.length % 2 ? concat(v, ascii(' ')) : v));
    }
    // Later sites moved by the size change; good enough to place the next edit.
    const shift = bytes.length - before;
    const from = site ? site.dataOffset : insertionPoint(sites, tag, before);
    sites = sites.map((s) => (s.headerOffset >= from && s !== site ? { ...s, headerOffset: s.headerOffset + shift, lengthOffset: s.lengthOffset + shift, dataOffset: s.dataOffset + shift } : s));
  }
  return bytes === seed.bytes ? bytes.slice() : bytes;
}

/** Where a top-level element with this tag belongs (before the first with a greater tag). */
function insertionPoint(sites: readonly ElementSite[], tag: string, end: number): number {
  return sites.find((s) => s.depth === 0 && s.tag > tag)?.headerOffset ?? end;
}

/**
 * A sequence nested `depth` deep (items holding sequences holding items...), inserted at the top level:
 * undefined lengths closed by delimiters, defined lengths, or never closed at all.
 */
export function deepSequence(seed: DicomSeed, random: Random, depth = random.pick([100, 1000, 5000, 20000])): Uint8Array {
  const like = seed.sites.find((s) => s.depth === 0 && !s.tag.startsWith('x0002'));
  if (!like) return seed.bytes.slice();
  const tag = 'x0040a730'; // ContentSequence: a real SQ attribute that may nest
  const style = random.pick(['delimited', 'delimited', 'defined', 'unclosed'] as const);
  const le = like.littleEndian;
  const itemTag = (element: number, length: number) => {
    const out = new Uint8Array(8);
    const view = new DataView(out.buffer);
    view.setUint16(0, 0xfffe, le);
    view.setUint16(2, element, le);
    view.setUint32(4, length >>> 0, le);
    return out;
  };
  let nested: Uint8Array;
  if (style === 'defined') {
    nested = new Uint8Array(0);
    for (let level = 0; level < depth; level++) {
      const item = concat(itemTag(0xe000, nested.length), nested);
      nested = concat(elementHeader(tag, 'SQ', item.length, like), item);
    }
  } else {
    const open = concat(elementHeader(tag, 'SQ', 0xffffffff, like), itemTag(0xe000, 0xffffffff));
    const close = concat(itemTag(0xe00d, 0), itemTag(0xe0dd, 0));
    nested = new Uint8Array(depth * (open.length + (style === 'unclosed' ? 0 : close.length)));
    for (let level = 0; level < depth; level++) nested.set(open, level * open.length);
    if (style !== 'unclosed') for (let level = 0; level < depth; level++) nested.set(close, depth * open.length + level * close.length);
  }
  return splice(seed.bytes, insertionPoint(seed.sites, tag, seed.bytes.length), 0, nested);
}

/** The File Meta's transfer syntax changed, so the dataset is read with the wrong VR rules or codec. */
export function wrongTransferSyntax(seed: DicomSeed, random: Random): Uint8Array {
  const site = seed.sites.find((s) => s.tag === 'x00020010');
  if (!site) return absurdValueOf(seed, random);
  const uid = random.pick(syntaxes);
  return replaceValue(seed.bytes, site, concat(ascii(uid), uid.length % 2 ? Uint8Array.of(0) : new Uint8Array(0)));
}

/** One element removed, header and value (a required attribute gone, or a sequence item emptied). */
export function dropElement(seed: DicomSeed, random: Random): Uint8Array {
  const site = pickSite(seed, random, 0.6, (s) => !s.undefinedLength);
  return site ? splice(seed.bytes, site.headerOffset, site.dataOffset - site.headerOffset + site.length) : seed.bytes.slice();
}

/** Cut at an element boundary or inside a header, where readers are most tempted to read on. */
export function truncateAtElement(seed: DicomSeed, random: Random): Uint8Array {
  const site = pickSite(seed, random, 0.3);
  if (!site) return seed.bytes.slice(0, random.int(seed.bytes.length));
  return seed.bytes.slice(0, Math.max(0, site.headerOffset + random.between(-2, site.dataOffset - site.headerOffset + Math.min(site.length, 16))));
}

/**
 * RTSTRUCT ContourData with a valid count but absurd points: huge or tiny coordinates, points repeated into
 * a huge contour, z scattered off the plane, or a coordinate dropped (count no longer a multiple of 3).
 */
export function absurdCoordinates(seed: DicomSeed, random: Random): Uint8Array {
  const sites = seed.sites.filter((s) => s.tag === 'x30060050' && !s.undefinedLength);
  if (sites.length === 0) return absurdValueOf(seed, random);
  const site = random.pick(sites);
  let values = String.fromCharCode(...seed.bytes.subarray(site.dataOffset, site.dataOffset + Math.min(site.length, 60000))).trim().split('\\');
  switch (random.int(4)) {
    case 0:
      for (let n = random.between(1, 3); n > 0; n--) values[random.int(values.length)] = random.pick(['1e300', '-1e300', '1e15', '-4e9', '1e-300', 'NaN', '', '0x1', '1e']);
      break;
    case 1:
      values = Array.from({ length: random.pick([10, 100, 1000]) }, () => values).flat().slice(0, 300_000);
      break;
    case 2:
      values = values.map((v, n) => (n % 3 === 2 && random.chance(0.3) ? String(Number(v) + random.between(-500, 500)) : v));
      break;
    default:
      values.splice(random.int(values.length), random.between(1, 2));
  }
  return replaceValue(seed.bytes, site, ascii(values.join('\\')));
}
