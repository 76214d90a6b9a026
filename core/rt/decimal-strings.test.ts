import type { DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/fuzz/random.ts';
import { decimalStrings } from './decimal-strings.ts';

/** A dataset of one DS element holding `text` (padded to even length, as DICOM stores it). */
function dsOf(text: string): DataSet {
  const padded = text.length % 2 ? `${text} ` : text;
  const byteArray = Uint8Array.from(padded, (c) => c.charCodeAt(0));
  return { byteArray, elements: { x30060050: { tag: 'x30060050', dataOffset: 0, length: byteArray.length } } } as unknown as DataSet;
}

/** What the reader did before: the whole string, trimmed, split at backslashes, each part through Number(). */
function viaStrings(text: string): number[] {
  const trimmed = text.split('\0')[0]!.trim();
  return trimmed === '' ? [] : trimmed.split('\\').map(Number);
}

describe('decimalStrings reads DS values straight from the bytes', () => {
  it('gives exactly what splitting the string and Number() give, on 20,000 seeded values', () => {
    const random = seededRandom(20);
    const pieces = ['-', '+', ' ', '.', '0', '1', '5', '9', 'e', 'E', '3', '7', 'x', ''];
    for (let n = 0; n < 20_000; n++) {
      const values = Array.from({ length: random.between(1, 4) }, () => {
        switch (random.int(4)) {
          case 0: return (random.next() * 2000 - 1000).toFixed(random.int(8));
          case 1: return String(random.next() * 10 ** random.between(-5, 20) * (random.chance(0.5) ? -1 : 1));
          case 2: return Array.from({ length: random.int(20) }, () => random.pick(pieces)).join('');
          default: return ` ${random.int(1e6)}.${String(random.int(1e9)).padStart(9, '0')} `;
        }
      });
      const text = values.join('\\');
      const got = [...decimalStrings(dsOf(text), 'x30060050')];
      const want = viaStrings(text);
      expect(got.length, text).toBe(want.length);
      want.forEach((w, k) => expect(Object.is(got[k], w), `${JSON.stringify(text)} value ${k}: ${got[k]} vs ${w}`).toBe(true));
    }
  });

  it('stops at a NUL and reads an absent or empty element as no values', () => {
    expect([...decimalStrings(dsOf('1.5\\2\0\\3'), 'x30060050')]).toEqual([1.5, 2]);
    expect(decimalStrings(dsOf(''), 'x30060050').length).toBe(0);
    expect(decimalStrings(dsOf('   '), 'x30060050').length).toBe(0);
    expect(decimalStrings(dsOf('1'), 'x00000000').length).toBe(0);
  });
});
