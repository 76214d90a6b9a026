import type { Random } from './random.ts';

/** Mutations that know nothing of the format: what a bad disk, a cut download or a wrong file give. */

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** `bytes` with `remove` bytes at `at` replaced by `insert`. */
export function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array = new Uint8Array(0)): Uint8Array {
  return concat(bytes.subarray(0, at), insert, bytes.subarray(Math.min(bytes.length, at + remove)));
}

export function truncate(bytes: Uint8Array, random: Random): Uint8Array {
  return bytes.slice(0, random.int(bytes.length));
}

/** 1 to 32 bytes set to random values, half the time all within the first 4 KiB (where headers are). */
export function flipBytes(bytes: Uint8Array, random: Random): Uint8Array {
  const out = bytes.slice();
  if (out.length === 0) return out;
  const span = random.chance(0.5) ? Math.min(out.length, 4096) : out.length;
  for (let n = random.between(1, 32); n > 0; n--) out[random.int(span)] = random.int(256);
  return out;
}

/** A run of the file copied over another place, or inserted there (a bad block, a botched concatenation). */
export function duplicateChunk(bytes: Uint8Array, random: Random): Uint8Array {
  if (bytes.length < 2) return bytes.slice();
  const from = random.int(bytes.length);
  const chunk = bytes.slice(from, from + random.between(1, Math.min(65536, bytes.length - from)));
  const to = random.int(bytes.length);
  return random.chance(0.5) ? splice(bytes, to, 0, chunk) : splice(bytes, to, chunk.length, chunk);
}

/** Random bytes, sometimes behind a real file's first bytes so the reader gets past its magic number. */
export function randomBytes(bytes: Uint8Array, random: Random, keepPrefix: number): Uint8Array {
  const length = random.chance(0.3) ? random.int(64) : random.int(Math.max(1, Math.min(bytes.length, 1 << 20)));
  const prefix = random.chance(0.5) ? bytes.subarray(0, Math.min(keepPrefix, bytes.length)) : new Uint8Array(0);
  return concat(prefix, random.bytes(length));
}
