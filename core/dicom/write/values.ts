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

/** DA and TM of a moment, in UTC: 'YYYYMMDD' and 'HHMMSS'. */
export function dicomDateTime(when: Date): { date: string; time: string } {
  const iso = when.toISOString();
  return { date: iso.slice(0, 10).replaceAll('-', ''), time: iso.slice(11, 19).replaceAll(':', '') };
}
