import { createHash } from 'node:crypto';
import { DelineateError } from '../../../core/errors.ts';

/**
 * Snapshot file layout: "DLNSNAP1", u32 LE header length, header (UTF-8 JSON), u32 LE blob count, one u32 LE
 * length per blob, the blobs, then the SHA-256 of everything before it. Written atomically (atomic-file.ts);
 * the hash catches damage after the fact (a bad sector, a copy cut short).
 */
const magic = Buffer.from('DLNSNAP1', 'latin1');

export function encodeSnapshotFile(header: unknown, blobs: readonly Uint8Array[]): Buffer[] {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const lengths = Buffer.allocUnsafe(4 + 4 + 4 * blobs.length);
  lengths.writeUInt32LE(blobs.length, 4);
  lengths.writeUInt32LE(json.length, 0);
  blobs.forEach((blob, n) => lengths.writeUInt32LE(blob.byteLength, 8 + 4 * n));
  const parts = [magic, lengths.subarray(0, 4), json, lengths.subarray(4), ...blobs.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength))];
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return [...parts, hash.digest()];
}

export function decodeSnapshotFile(bytes: Buffer, source: string): { header: unknown; blobs: Uint8Array[] } {
  const fail = (why: string) => new DelineateError('bad-data', `${source}: ${why}`);
  if (bytes.length < magic.length + 4 + 4 + 32 || !bytes.subarray(0, magic.length).equals(magic)) throw fail('not a Delineate snapshot');
  const body = bytes.subarray(0, bytes.length - 32);
  if (!createHash('sha256').update(body).digest().equals(bytes.subarray(bytes.length - 32))) {
    throw fail('the snapshot is damaged (its SHA-256 does not match)');
  }
  let at = magic.length;
  const headerLength = body.readUInt32LE(at);
  at += 4;
  if (at + headerLength + 4 > body.length) throw fail('the header runs past the end');
  let header: unknown;
  try {
    header = JSON.parse(body.subarray(at, at + headerLength).toString('utf8'));
  } catch {
    throw fail('the header is not JSON');
  }
  at += headerLength;
  const count = body.readUInt32LE(at);
  at += 4;
  if (at + 4 * count > body.length) throw fail(`the blob table (${count} blobs) runs past the end`);
  const lengths = Array.from({ length: count }, (_, n) => body.readUInt32LE(at + 4 * n));
  at += 4 * count;
  const blobs: Uint8Array[] = [];
  for (const length of lengths) {
    if (at + length > body.length) throw fail('a blob runs past the end');
    blobs.push(body.subarray(at, at + length));
    at += length;
  }
  return { header, blobs };
}
