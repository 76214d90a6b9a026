import type { Dataset, DicomElement } from './dataset.ts';
import { tag } from './dataset.ts';

/**
 * DICOM Part 10 writer: 128-byte preamble, 'DICM', File Meta (group 2, always explicit VR little endian) and the
 * dataset in explicit or implicit VR little endian (PS3.5 7.1, PS3.10 7.1). Every value is padded to an even length (UI with NUL, OB with NUL, text
 * with a space); sequences and items use defined lengths, so readers need no delimiter handling.
 */
export interface FileMeta {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  /** (0002,0012): identifies the software that wrote the file. */
  readonly implementationClassUid: string;
  readonly implementationVersionName: string;
  /**
   * The dataset's transfer syntax (default explicit VR little endian). Implicit VR gives every value a 32-bit
   * length, where explicit VR limits text VRs such as DS to 64 KiB: an RTSTRUCT's ContourData can be longer.
   */
  readonly transferSyntaxUid?: typeof explicitVrLittleEndian | typeof implicitVrLittleEndian;
}

export const explicitVrLittleEndian = '1.2.840.10008.1.2.1';
/** The default transfer syntax every DICOM application supports (PS3.5 10.1). */
export const implicitVrLittleEndian = '1.2.840.10008.1.2';

/** VRs whose explicit encoding has 2 reserved bytes and a 32-bit length (PS3.5 Table 7.1-1). */
const longLengthVrs = new Set(['OB', 'OW', 'OF', 'OD', 'OL', 'OV', 'SQ', 'UT', 'UN', 'UC', 'UR', 'SV', 'UV']);

class ByteSink {
  #buffer: Uint8Array;
  #view: DataView;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.#buffer = new Uint8Array(capacity);
    this.#view = new DataView(this.#buffer.buffer);
  }

  #reserve(extra: number): void {
    if (this.length + extra <= this.#buffer.length) return;
    let size = this.#buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buffer.subarray(0, this.length));
    this.#buffer = next;
    this.#view = new DataView(next.buffer);
  }
  u16(value: number): void {
    this.#reserve(2);
    this.#view.setUint16(this.length, value, true);
    this.length += 2;
  }
  u32(value: number): void {
    this.#reserve(4);
    this.#view.setUint32(this.length, value, true);
    this.length += 4;
  }
  /** Writes a placeholder length and returns a function that fills it with the bytes written since. */
  lengthSlot(): () => void {
    const at = this.length;
    this.u32(0);
    return () => this.#view.setUint32(at, this.length - at - 4, true);
  }
  bytes(data: Uint8Array): void {
    this.#reserve(data.length);
    this.#buffer.set(data, this.length);
    this.length += data.length;
  }
  ascii(text: string): void {
    this.#reserve(text.length);
    for (let n = 0; n < text.length; n++) this.#buffer[this.length + n] = text.charCodeAt(n) & 0xff;
    this.length += text.length;
  }
  /** The bytes written, as a view (no copy of what may be tens of megabytes of pixel data). */
  result(): Uint8Array {
    return this.#buffer.subarray(0, this.length);
  }
}

/** Bytes of one element's value, padded to even length. */
function valueBytes(element: DicomElement): Uint8Array {
  switch (element.vr) {
    case 'OB':
    case 'OW':
      return element.value.length % 2 ? concatPad(element.value) : element.value;
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'FL':
    case 'FD':
    case 'AT':
      return numbers(element.vr, element.value);
    case 'SQ':
      throw new Error('sequences are encoded by writeElement');
    default: {
      // Text is written as UTF-8; encodePart10 declares ISO_IR 192 when any value needs it.
      const bytes = utf8(element.value);
      if (bytes.length % 2 === 0) return bytes;
      const out = new Uint8Array(bytes.length + 1);
      out.set(bytes);
      out[bytes.length] = element.vr === 'UI' ? 0 : 0x20;
      return out;
    }
  }
}

/** UTF-8 bytes of a string (core has no TextEncoder type). */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return Uint8Array.from(out);
}

/** Whether any text value, in sequence items too, needs more than the default (ASCII) repertoire. */
function needsUtf8(ds: Dataset): boolean {
  for (const element of ds.values()) {
    if (element.vr === 'SQ' ? element.value.some(needsUtf8) : typeof element.value === 'string' && /[^\x00-\x7f]/.test(element.value)) return true;
  }
  return false;
}

function concatPad(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 1);
  out.set(data);
  return out;
}

function numbers(vr: 'US' | 'SS' | 'UL' | 'SL' | 'FL' | 'FD' | 'AT', values: readonly number[]): Uint8Array {
  const size = vr === 'US' || vr === 'SS' ? 2 : vr === 'FD' ? 8 : 4;
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((v, n) => {
    const at = n * size;
    if (vr === 'US') view.setUint16(at, v, true);
    else if (vr === 'SS') view.setInt16(at, v, true);
    else if (vr === 'UL') view.setUint32(at, v, true);
    else if (vr === 'SL') view.setInt32(at, v, true);
    else if (vr === 'FL') view.setFloat32(at, v, true);
    else if (vr === 'FD') view.setFloat64(at, v, true);
    else {
      view.setUint16(at, v >>> 16, true);
      view.setUint16(at + 2, v & 0xffff, true);
    }
  });
  return out;
}

function writeElement(sink: ByteSink, t: number, element: DicomElement, implicit: boolean): void {
  sink.u16(t >>> 16);
  sink.u16(t & 0xffff);
  if (!implicit) sink.ascii(element.vr);
  if (element.vr === 'SQ') {
    if (!implicit) sink.u16(0);
    const done = sink.lengthSlot();
    for (const item of element.value) {
      sink.u16(0xfffe);
      sink.u16(0xe000);
      const itemDone = sink.lengthSlot();
      writeDataset(sink, item, implicit);
      itemDone();
    }
    done();
    return;
  }
  const bytes = valueBytes(element);
  if (implicit) {
    sink.u32(bytes.length);
  } else if (longLengthVrs.has(element.vr)) {
    sink.u16(0);
    sink.u32(bytes.length);
  } else {
    if (bytes.length > 0xffff) throw new Error(`(${t.toString(16)}) ${element.vr} value of ${bytes.length} bytes is too long for its VR`);
    sink.u16(bytes.length);
  }
  sink.bytes(bytes);
}

function writeDataset(sink: ByteSink, ds: Dataset, implicit: boolean): void {
  for (const t of [...ds.keys()].sort((a, b) => a - b)) writeElement(sink, t, ds.get(t)!, implicit);
}

/** Encodes a dataset alone (no preamble, no File Meta), explicit VR little endian. */
export function encodeDataset(ds: Dataset): Uint8Array {
  const sink = new ByteSink();
  writeDataset(sink, ds, false);
  return sink.result();
}

/** A complete Part 10 file. Group 2 elements in `ds` are ignored: the File Meta is built from `meta`. */
export function encodePart10(ds: Dataset, meta: FileMeta): Uint8Array {
  // Room for the bulk values up front, so large pixel data is not copied as the buffer grows.
  let bulk = 0;
  for (const element of ds.values()) if (element.vr === 'OB' || element.vr === 'OW') bulk += element.value.length;
  const sink = new ByteSink(bulk + (1 << 20));
  sink.bytes(new Uint8Array(128));
  sink.ascii('DICM');
  const group: Dataset = new Map<number, DicomElement>([
    [tag(0x0002, 0x0001), { vr: 'OB', value: new Uint8Array([0, 1]) }],
    [tag(0x0002, 0x0002), { vr: 'UI', value: meta.sopClassUid }],
    [tag(0x0002, 0x0003), { vr: 'UI', value: meta.sopInstanceUid }],
    [tag(0x0002, 0x0010), { vr: 'UI', value: meta.transferSyntaxUid ?? explicitVrLittleEndian }],
    [tag(0x0002, 0x0012), { vr: 'UI', value: meta.implementationClassUid }],
    [tag(0x0002, 0x0013), { vr: 'SH', value: meta.implementationVersionName }],
  ]);
  const groupBytes = encodeDataset(group);
  writeElement(sink, tag(0x0002, 0x0000), { vr: 'UL', value: [groupBytes.length] }, false);
  sink.bytes(groupBytes);
  const body = new Map([...ds].filter(([t]) => t >>> 16 !== 0x0002));
  // Text is written as UTF-8, so a dataset with any non-ASCII value (a patient, physician or structure name, in
  // any item) declares ISO_IR 192, whatever its source declared: it is decoded to Unicode on reading.
  if (needsUtf8(body)) body.set(tag(0x0008, 0x0005), { vr: 'CS', value: 'ISO_IR 192' });
  writeDataset(sink, body, meta.transferSyntaxUid === implicitVrLittleEndian);
  return sink.result();
}
