import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { volumeBytes, type VolumeStore } from '../services/volume-store.ts';

/** Bytes written per chunk: keeps the socket busy without one huge write pinning memory. */
const chunkBytes = 1 << 20;

/** The bulk path shared with Electron's protocol: /bulk/volume/<id>. */
export const bulkVolumePattern = /^\/bulk\/volume\/(vol-[0-9a-f]{16})$/;

/** Streams a stored volume's voxels (little-endian, i fastest) straight from its typed array. */
export async function streamVolume(store: VolumeStore, id: string, response: ServerResponse): Promise<void> {
  const entry = store.get(id);
  if (!entry) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`No volume ${id}`);
    return;
  }
  const bytes = volumeBytes(entry);
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(bytes.byteLength),
    'Cache-Control': 'no-store',
  });
  for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) {
    if (!response.write(bytes.subarray(offset, offset + chunkBytes))) await once(response, 'drain');
  }
  response.end();
}
