/**
 * Value formatting the standard constrains (PS3.5 6.2): DS at most 16 characters, UIDs at most 64 characters
 * of digits and dots, dates and times in DICOM's fixed forms.
 */

/** Decimal String, at most 16 characters, as few digits as it takes to round-trip `maxDecimals` places. */
export function formatDs(value: number, maxDecimals = 6): string {
  if (!Number.isFinite(value)) throw new Error(`DS value ${value} is not a finite number`);
  const rounded = Number(value.toFixed(maxDecimals));
  let text = String(rounded === 0 ? 0 : rounded);
  // Long values lose trailing significant digits until they fit; exponent notation is valid DS.
  for (let precision = 15; text.length > 16 && precision > 0; precision--) text = String(Number(rounded.toPrecision(precision)));
  return text;
}

/**
 * Checks a name for a single-valued text attribute (ROIName, SegmentLabel, StructureSetLabel): a backslash is
 * DICOM's value separator, so "GTV\1" would be read as "GTV" with a second value, and control characters
 * are outside every text VR's repertoire. Returns the reason it cannot be written, or undefined.
 */
export function singleValueProblem(text: string): string | undefined {
  if (text.includes('\\')) return 'a backslash separates DICOM values (a planning system would read only the part before it)';
  if (hasControlCharacter(text)) return 'it holds a control character (tab, line break, ...)';
  return undefined;
}

/** Tab, line break and the other C0 controls and DEL: outside every DICOM text repertoire. */
export function hasControlCharacter(text: string): boolean {
  return /[\x00-\x1f\x7f]/.test(text);
}

/** A name for a message, quoted, with control characters shown as \uXXXX (a backslash stays one backslash). */
export function quoted(text: string): string {
  return `"${text.replace(/[\x00-\x1f\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** Integer String (IS): at most 12 characters. */
export function formatIs(value: number): string {
  if (!Number.isInteger(value) || Math.abs(value) > 2 ** 31) throw new Error(`IS value ${value} is not a 32-bit integer`);
  return String(value);
}

/**
 * A UID under the 2.25 root (ISO/IEC 9834-8): a random 128-bit UUID written as one decimal number. `random`
 * must hold 16 random bytes (the caller's CSPRNG: core has none of its own); variant and version bits are set
 * as for a version 4 UUID.
 */
export function uidFromRandom(random: Uint8Array): string {
  if (random.length < 16) throw new Error('a UID needs 16 random bytes');
  const bytes = random.slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return `2.25.${value.toString(10)}`;
}

/**
 * DA and TM of a moment in the machine's local time ('YYYYMMDD', 'HHMMSS'), as DICOM reads them, with the offset
 * from UTC for TimezoneOffsetFromUTC (0008,0201), '+HHMM' or '-HHMM'. UTC without the offset showed a structure
 * set made at 00:30 in Berlin as made the day before.
 */
export function dicomDateTime(when: Date): { date: string; time: string; utcOffset: string } {
  const two = (n: number) => String(n).padStart(2, '0');
  const minutes = -when.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  return {
    date: `${when.getFullYear()}${two(when.getMonth() + 1)}${two(when.getDate())}`,
    time: `${two(when.getHours())}${two(when.getMinutes())}${two(when.getSeconds())}`,
    utcOffset: `${sign}${two(Math.floor(Math.abs(minutes) / 60))}${two(Math.abs(minutes) % 60)}`,
  };
}
