import { readFile } from 'node:fs/promises';
import { resolveStaticFile, mimeType } from '../web-host/static-files.ts';
import { bulkVolumePattern } from '../web-host/bulk.ts';
import { volumeBytes, type VolumeStore } from '../services/volume-store.ts';
import { contentSecurityPolicy } from '../services/content-security.ts';

/** Bytes handed to the renderer per chunk of the bulk stream. */
const chunkBytes = 1 << 20;

/**
 * Answers delineate://app/... : the built renderer's files, and /bulk/volume/<id> streamed from the
 * stored typed array (allow-listed ids only). Takes no Electron object, so tests can call it directly.
 */
export async function handleAppRequest(request: Request, store: VolumeStore, rendererRoot: string): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== 'app') return new Response('Forbidden', { status: 403 });
  const bulk = bulkVolumePattern.exec(url.pathname);
  if (bulk) {
    const entry = store.get(bulk[1]!);
    if (!entry) return new Response(`No volume ${bulk[1]}`, { status: 404 });
    const bytes = volumeBytes(entry);
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.byteLength) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + chunkBytes));
        offset += chunkBytes;
      },
    });
    return new Response(body, {
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.byteLength) },
    });
  }
  const file = await resolveStaticFile(rendererRoot, url.pathname);
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(await readFile(file), {
    headers: { 'Content-Type': mimeType(file), 'Content-Security-Policy': contentSecurityPolicy(), 'X-Content-Type-Options': 'nosniff' },
  });
}
