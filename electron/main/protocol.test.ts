import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lps } from '../../core/geometry/space.ts';
import { VolumeStore } from '../services/volume-store.ts';
import { handleAppRequest } from './protocol.ts';

describe('delineate://app protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'delineate-protocol-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const store = new VolumeStore();
  const id = store.newId();
  // 3 x 2 x 2 grid, values = flat index, so any reordering or truncation shows.
  const scalars = Int16Array.from({ length: 12 }, (_, n) => n - 6);
  store.add({
    volume: { dims: [3, 2, 2], spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], scalars },
    info: { id } as never,
  });

  it('streams a stored volume by id, unchanged', async () => {
    const response = await handleAppRequest(new Request(`delineate://app/bulk/volume/${id}`), store, root);
    expect(response.status).toBe(200);
    expect(new Int16Array(await response.arrayBuffer())).toEqual(scalars);
  });

  it('serves the renderer with the CSP, and nothing outside it', async () => {
    const page = await handleAppRequest(new Request('delineate://app/index.html'), store, root);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect((await handleAppRequest(new Request('delineate://app/..%2f..%2fetc%2fpasswd'), store, root)).status).toBe(404);
    expect((await handleAppRequest(new Request('delineate://app/bulk/volume/vol-ffffffffffffffff'), store, root)).status).toBe(404);
    expect((await handleAppRequest(new Request('delineate://other/index.html'), store, root)).status).toBe(403);
  });
});
