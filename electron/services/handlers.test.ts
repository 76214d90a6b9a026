import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../core/ipc/dispatch.ts';
import { appRoot } from './app-meta.ts';
import { createHandlers, type CallContext } from './handlers.ts';
import { VolumeStore } from './volume-store.ts';

const data = resolve(appRoot(), '..', 'shared', 'data');

describe('study handlers', () => {
  it('cancels a scan in flight: it fails as cancelled and reports progress until then', async () => {
    const handlers = createHandlers({ store: new VolumeStore(), host: 'browser', initialStudyPath: null });
    const progress: unknown[] = [];
    const context: CallContext = { emit: (_event, payload) => progress.push(payload) };
    const scan = dispatch(handlers, 'study.scan', { path: data }, context);
    await dispatch(handlers, 'study.cancel', {}, context);
    expect(await scan).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('scans, lists a thumbnail and loads a series of that scan', async () => {
    const handlers = createHandlers({ store: new VolumeStore(), host: 'browser', initialStudyPath: null });
    const context: CallContext = { emit: () => {} };
    const scan = await handlers.study.scan({ path: resolve(data, 'dcm_qa_ct', 'Philips_untilted') }, context);
    expect(scan.series).toHaveLength(1);
    const key = scan.series[0]!.key;
    const thumbnail = await handlers.study.thumbnail({ scanId: scan.scanId, seriesKey: key }, context);
    expect(thumbnail.dataUrl).toMatch(/^data:image\/bmp;base64,/);
    expect(thumbnail.width).toBe(64);
    const info = await handlers.study.load({ scanId: scan.scanId, seriesKey: key }, context);
    expect(info.dims).toEqual([512, 512, 28]);
    expect(info.seriesDescription).toBe('STD BRAIN 5MM');
  });
});
