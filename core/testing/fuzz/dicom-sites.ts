import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import { inflateDeflatedDataset } from '../../dicom/codecs/deflate.ts';

/** Where one element of a real file sits in its bytes, so a mutation can change exactly one field. */
export interface ElementSite {
  /** dicom-parser's 'xggggeeee'. */
  readonly tag: string;
  /** The VR as written (explicit VR), undefined in implicit VR data. */
  readonly vr: string | undefined;
  readonly headerOffset: number;
  readonly lengthOffset: number;
  readonly lengthSize: 2 | 4;
  readonly dataOffset: number;
  /** The length as dicom-parser measured it (the length field holds 0xFFFFFFFF when undefinedLength). */
  readonly length: number;
  readonly undefinedLength: boolean;
  readonly littleEndian: boolean;
  /** 0 for the top-level dataset, 1 inside a sequence item, and so on. */
  readonly depth: number;
}

/** VRs whose explicit header has a 4-byte length after two reserved bytes (PS3.5 7.1.2). */
export const longVrs = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
export const allVrs = [
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FL', 'FD', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'PN',
  'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV',
] as const;

const bigEndianSyntax = '1.2.840.10008.1.2.2';
const deflatedSyntax = '1.2.840.10008.1.2.1.99';

/**
 * Every element of a well-formed DICOM file whose bytes lie in the file as stored: all of them, nested
 * ones included, except in a deflated file, where only the File Meta is stored uncompressed.
 */
export function elementSites(bytes: Uint8Array): ElementSite[] {
  let ds: DataSet;
  try {
    ds = dicomParser.parseDicom(bytes, { inflater: inflateDeflatedDataset });
  } catch {
    ds = dicomParser.parseDicom(bytes, { TransferSyntaxUID: '1.2.840.10008.1.2' });
  }
  const syntax = (ds.string('x00020010') ?? '').trim();
  const sites: ElementSite[] = [];
  const visit = (set: DataSet, depth: number) => {
    for (const element of Object.values(set.elements)) {
      const meta = element.tag.startsWith('x0002');
      if (syntax === deflatedSyntax && !meta) continue;
      sites.push(siteOf(element, depth, meta || syntax !== bigEndianSyntax));
      for (const item of element.items ?? []) if (item.dataSet) visit(item.dataSet, depth + 1);
    }
  };
  visit(ds, 0);
  return sites.sort((a, b) => a.headerOffset - b.headerOffset);
}

function siteOf(element: Element, depth: number, littleEndian: boolean): ElementSite {
  const explicit = element.vr !== undefined;
  const long = !explicit || longVrs.has(element.vr!);
  return {
    tag: element.tag,
    vr: element.vr,
    headerOffset: element.dataOffset - (explicit && long ? 12 : 8),
    lengthOffset: element.dataOffset - (long ? 4 : 2),
    lengthSize: long ? 4 : 2,
    dataOffset: element.dataOffset,
    length: element.length,
    undefinedLength: !!element.hadUndefinedLength,
    littleEndian,
    depth,
  };
}

/** An element's header for `tag` with `vr`, as the site's encoding writes it (explicit or implicit, byte order). */
export function elementHeader(tag: string, vr: string, length: number, like: Pick<ElementSite, 'vr' | 'littleEndian'>): Uint8Array {
  const group = Number.parseInt(tag.slice(1, 5), 16);
  const elem = Number.parseInt(tag.slice(5, 9), 16);
  const explicit = like.vr !== undefined;
  const long = longVrs.has(vr);
  const header = new Uint8Array(explicit ? (long ? 12 : 8) : 8);
  const view = new DataView(header.buffer);
  const le = like.littleEndian;
  view.setUint16(0, group, le);
  view.setUint16(2, elem, le);
  if (!explicit) {
    view.setUint32(4, length >>> 0, le);
  } else {
    header[4] = vr.charCodeAt(0);
    header[5] = vr.charCodeAt(1);
    if (long) view.setUint32(8, length >>> 0, le);
    else view.setUint16(6, length & 0xffff, le);
  }
  return header;
}
