import { Gunzip } from 'fflate';
import { badData } from './header.ts';

/**
 * The decompressed bytes of a .nii or .nii.gz, read front to back. Reading a gzip file this way inflates
 * only as far as the voxels the caller asks for (a 4D file's first volume), and never trusts the gzip
 * trailer's length field, which a damaged file can set to anything.
 */
export interface ByteStream {
  /** Fills `into` with the next bytes; returns how many there were (fewer than asked only at the end). */
  read(into: Uint8Array): number;
  /** Skips ahead; returns how many bytes were skipped. */
  skip(count: number): number;
  /** The most bytes that can still follow: exact for a plain file, an upper bound for gzip. */
  maxRemaining(): number;
}

/** DEFLATE cannot expand data by more than 1032:1, so a gzip file can never inflate beyond this. */
const MAX_DEFLATE_RATIO = 1032;
/** Compressed bytes fed to the inflater per step; bounds how far it runs past what was asked for. */
const COMPRESSED_STEP = 256 * 1024;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function openByteStream(bytes: Uint8Array, source: string): ByteStream {
  return isGzip(bytes) ? new GzipStream(bytes, source) : new PlainStream(bytes);
}

class PlainStream implements ByteStream {
  private position = 0;
  constructor(private readonly bytes: Uint8Array) {}

  read(into: Uint8Array): number {
    const part = this.bytes.subarray(this.position, this.position + into.length);
    into.set(part);
    this.position += part.length;
    return part.length;
  }

  skip(count: number): number {
    const skipped = Math.min(count, this.bytes.length - this.position);
    this.position += skipped;
    return skipped;
  }

  maxRemaining(): number {
    return this.bytes.length - this.position;
  }
}

class GzipStream implements ByteStream {
  /** Inflated bytes not yet handed out; the first one starts `headOffset` bytes in. */
  private readonly queue: Uint8Array[] = [];
  private headOffset = 0;
  private buffered = 0;
  private inputPosition = 0;
  private readonly inflater: Gunzip;

  constructor(
    private readonly compressed: Uint8Array,
    private readonly source: string,
  ) {
    this.inflater = new Gunzip((chunk) => {
      if (chunk.length === 0) return;
      this.queue.push(chunk);
      this.buffered += chunk.length;
    });
  }

  read(into: Uint8Array): number {
    return this.take(into.length, into);
  }

  skip(count: number): number {
    return this.take(count, undefined);
  }

  maxRemaining(): number {
    return this.buffered + (this.compressed.length - this.inputPosition) * MAX_DEFLATE_RATIO;
  }

  private take(count: number, into: Uint8Array | undefined): number {
    let taken = 0;
    while (taken < count) {
      if (this.buffered === 0 && !this.inflateMore()) break;
      const head = this.queue[0]!;
      const n = Math.min(count - taken, head.length - this.headOffset);
      into?.set(head.subarray(this.headOffset, this.headOffset + n), taken);
      taken += n;
      this.headOffset += n;
      this.buffered -= n;
      if (this.headOffset === head.length) {
        this.queue.shift();
        this.headOffset = 0;
      }
    }
    return taken;
  }

  /** Feeds one more step of compressed input; false once the input is used up and nothing came out. */
  private inflateMore(): boolean {
    while (this.buffered === 0 && this.inputPosition < this.compressed.length) {
      const end = Math.min(this.inputPosition + COMPRESSED_STEP, this.compressed.length);
      const step = this.compressed.subarray(this.inputPosition, end);
      this.inputPosition = end;
      try {
        this.inflater.push(step, end === this.compressed.length);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw badData(this.source, `damaged or truncated gzip data (${reason})`);
      }
    }
    return this.buffered > 0;
  }
}
