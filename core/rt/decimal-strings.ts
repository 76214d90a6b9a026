import type { DataSet } from 'dicom-parser';

/**
 * A multi-valued decimal string (DS, such as ContourData) read straight from the file's bytes, value by
 * value: a large RTSTRUCT holds megabytes of them, and building one string of the whole element and
 * splitting it took most of the time of reading the file. Same result as `ds.string(tag)` (up to the first
 * NUL, trimmed), split at backslashes, each part through Number(): an empty part reads as 0, a part that is
 * not a number as NaN.
 */
export function decimalStrings(ds: DataSet, tag: string): Float64Array {
  const element = ds.elements[tag];
  if (!element || element.length <= 0) return new Float64Array(0);
  const bytes = ds.byteArray;
  let end = element.dataOffset;
  const limit = element.dataOffset + element.length;
  while (end < limit && bytes[end] !== 0) end++;
  let first = element.dataOffset;
  while (first < end && isSpace(bytes[first]!)) first++;
  while (end > first && isSpace(bytes[end - 1]!)) end--;
  if (first === end) return new Float64Array(0);
  let count = 1;
  for (let i = first; i < end; i++) if (bytes[i] === 0x5c) count++;
  const values = new Float64Array(count);
  for (let i = first, start = first, n = 0; i <= end; i++) {
    if (i < end && bytes[i] !== 0x5c) continue;
    values[n++] = plainDecimal(bytes, start, i) ?? Number(latin1(bytes, start, i));
    start = i + 1;
  }
  return values;
}

const powersOfTen = Array.from({ length: 16 }, (_, n) => 10 ** n);

/**
 * The common case without building a string: [spaces][sign]digits[.digits][spaces], at most 15 digits.
 * Then the digits as an integer and 10^decimals are both exact doubles, and one division rounds
 * correctly, so the result is exactly Number()'s. Anything else (exponents, long numbers) returns undefined.
 */
function plainDecimal(bytes: ArrayLike<number>, from: number, to: number): number | undefined {
  while (from < to && isSpace(bytes[from]!)) from++;
  while (to > from && isSpace(bytes[to - 1]!)) to--;
  let negative = false;
  if (bytes[from] === 0x2d || bytes[from] === 0x2b) negative = bytes[from++] === 0x2d;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (let i = from; i < to; i++) {
    const byte = bytes[i]!;
    if (byte === 0x2e && decimals < 0) decimals = 0;
    else if (byte >= 0x30 && byte <= 0x39) {
      mantissa = mantissa * 10 + (byte - 0x30);
      digits++;
      if (decimals >= 0) decimals++;
    } else return undefined;
  }
  if (digits === 0 || digits > 15) return undefined;
  const value = decimals > 0 ? mantissa / powersOfTen[decimals]! : mantissa;
  return negative ? -value : value;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

function latin1(bytes: ArrayLike<number>, from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}
