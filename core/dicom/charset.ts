import type { DataSet } from 'dicom-parser';

/**
 * Text as the file's Specific Character Set (0008,0005) says, where dicom-parser's `string()` reads every byte as
 * one Latin-1 character: a UTF-8 "Müller" became "MÃ¼ller", and an RTSTRUCT then carried a patient name that no
 * longer matched its CT. ASCII reads the same in every repertoire, so only values with bytes >= 0x80 are decoded.
 */

/** DICOM defined terms (PS3.3 C.12.1.1.2) to WHATWG encoding labels, as TextDecoder (Node and browsers) knows them. */
const encodings: Record<string, string> = {
  'ISO_IR 6': 'windows-1252',
  'ISO_IR 100': 'windows-1252',
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'windows-1254',
  'ISO_IR 203': 'iso-8859-15',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
  'ISO 2022 IR 6': 'windows-1252',
  'ISO 2022 IR 100': 'windows-1252',
  'ISO 2022 IR 101': 'iso-8859-2',
  'ISO 2022 IR 109': 'iso-8859-3',
  'ISO 2022 IR 110': 'iso-8859-4',
  'ISO 2022 IR 144': 'iso-8859-5',
  'ISO 2022 IR 127': 'iso-8859-6',
  'ISO 2022 IR 126': 'iso-8859-7',
  'ISO 2022 IR 138': 'iso-8859-8',
  'ISO 2022 IR 148': 'windows-1254',
  'ISO 2022 IR 203': 'iso-8859-15',
  'ISO 2022 IR 166': 'windows-874',
  'ISO 2022 IR 13': 'shift_jis',
  'ISO 2022 IR 87': 'iso-2022-jp',
  'ISO 2022 IR 159': 'iso-2022-jp',
  'ISO 2022 IR 149': 'euc-kr',
  'ISO 2022 IR 58': 'gb18030',
};

interface Decoder {
  decode(bytes: Uint8Array): string;
}
type DecoderClass = new (label: string, options?: { fatal?: boolean }) => Decoder;
// core is compiled without the DOM and Node libraries; TextDecoder is a global in both Node and browsers.
const TextDecoderClass = (globalThis as unknown as { TextDecoder: DecoderClass }).TextDecoder;

const decoders = new Map<string, Decoder>();
const strictUtf8 = new TextDecoderClass('utf-8', { fatal: true });
/** Every dataset of one file (its sequence items too) shares the file's byteArray: the file's encoding, by it. */
const encodingOfFile = new WeakMap<Uint8Array, string | undefined>();

/** Records the encoding a parsed file declares, for decodedText on it and on its sequence items. */
export function registerCharacterSet(ds: DataSet): void {
  encodingOfFile.set(ds.byteArray, encodingOf(ds.string('x00080005') ?? ''));
}

/** The WHATWG label for a Specific Character Set value ('' or unknown: undefined). */
export function encodingOf(specificCharacterSet: string): string | undefined {
  const terms = specificCharacterSet.split('\\').map((t) => t.trim());
  if (terms.includes('ISO_IR 192')) return 'utf-8';
  // With code extensions the first value is the default repertoire, often empty; the extension holds the rest.
  const named = terms.filter(Boolean).map((t) => encodings[t]);
  return named.find((e) => e && e !== 'windows-1252') ?? named[0];
}

/** A text attribute, decoded and trimmed; '' when absent. */
export function decodedText(ds: DataSet, tag: string): string {
  const element = ds.elements[tag];
  if (!element || element.length === 0) return '';
  let bytes: Uint8Array = ds.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  if (bytes.every((b) => b < 0x80)) return (ds.string(tag) ?? '').trim();
  const nul = bytes.indexOf(0);
  if (nul >= 0) bytes = bytes.subarray(0, nul);
  return decode(bytes, encodingOfFile.get(ds.byteArray)).trim();
}

function decode(bytes: Uint8Array, encoding: string | undefined): string {
  if (!encoding) {
    // No repertoire declared, yet bytes past ASCII: writers that forget (0008,0005) write UTF-8 or Latin-1.
    try {
      return strictUtf8.decode(bytes);
    } catch {
      encoding = 'windows-1252';
    }
  }
  let decoder = decoders.get(encoding);
  if (!decoder) decoders.set(encoding, (decoder = new TextDecoderClass(encoding)));
  // ISO 2022 IR 149 designates KS X 1001 with ESC $ ) C, which an EUC-KR decoder does not expect.
  return decoder.decode(encoding === 'euc-kr' ? stripDesignations(bytes) : bytes);
}

function stripDesignations(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let n = 0; n < bytes.length; n++) {
    if (bytes[n] === 0x1b && bytes[n + 1] === 0x24 && bytes[n + 2] === 0x29 && bytes[n + 3] === 0x43) n += 3;
    else out.push(bytes[n]!);
  }
  return Uint8Array.from(out);
}
