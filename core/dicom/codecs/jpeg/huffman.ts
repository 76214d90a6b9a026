import { DelineateError } from '../../../errors.ts';

/**
 * A Huffman table as a 16-bit lookahead array: entry = (code length << 8) | symbol for every 16-bit
 * window that starts with the code, 0 where no code matches. 64K entries, built once per DHT, make
 * every decode one lookup.
 */
export type HuffmanLookup = Uint16Array;

/** Builds the canonical codes of ITU-T T.81 Annex C from DHT's 16 code counts and symbol list. */
export function buildHuffmanLookup(counts: Uint8Array, symbols: Uint8Array): HuffmanLookup {
  const lookup = new Uint16Array(1 << 16);
  let code = 0;
  let s = 0;
  for (let length = 1; length <= 16; length++) {
    for (let n = 0; n < counts[length - 1]!; n++) {
      const first = code << (16 - length);
      const last = (code + 1) << (16 - length);
      lookup.fill((length << 8) | symbols[s++]!, first, last);
      code++;
    }
    code <<= 1;
  }
  return lookup;
}

/**
 * Reads entropy-coded bits MSB first, removing the 0x00 stuffed after each 0xFF. At a marker it feeds
 * zero bits and stays put, so a scan never reads past its end; `position` is then at the marker.
 */
export class BitReader {
  private buffer = 0;
  private count = 0;

  constructor(
    private readonly data: Uint8Array,
    public position: number,
    private readonly source: string,
  ) {}

  private fill(): void {
    while (this.count <= 24) {
      let byte = 0;
      if (this.position < this.data.length) {
        byte = this.data[this.position]!;
        if (byte === 0xff) {
          const next = this.data[this.position + 1];
          if (next === 0x00) this.position += 2;
          else byte = 0; // a marker: pad with zeros, do not consume it
        } else {
          this.position++;
        }
      }
      this.buffer = (this.buffer << 8) | byte;
      this.count += 8;
    }
  }

  bits(n: number): number {
    if (n === 0) return 0;
    this.fill();
    this.count -= n;
    return (this.buffer >>> this.count) & ((1 << n) - 1);
  }

  bit(): number {
    return this.bits(1);
  }

  decode(lookup: HuffmanLookup): number {
    this.fill();
    const entry = lookup[(this.buffer >>> (this.count - 16)) & 0xffff]!;
    if (entry === 0) throw new DelineateError('bad-data', `${this.source}: invalid Huffman code in JPEG data`);
    this.count -= entry >> 8;
    return entry & 0xff;
  }

  /** A difference of `size` bits: the Annex F.2.2.1 EXTEND of the raw bits read. */
  receiveExtend(size: number): number {
    if (size === 0) return 0;
    const value = this.bits(size);
    return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
  }

  /** Drops buffered bits and steps over the RSTn marker that must come next (restart interval). */
  restart(): void {
    this.buffer = 0;
    this.count = 0;
    let p = this.position;
    while (p + 1 < this.data.length && !(this.data[p] === 0xff && this.data[p + 1]! >= 0xd0 && this.data[p + 1]! <= 0xd7)) p++;
    if (p + 1 >= this.data.length) throw new DelineateError('bad-data', `${this.source}: JPEG restart marker missing`);
    this.position = p + 2;
  }
}
