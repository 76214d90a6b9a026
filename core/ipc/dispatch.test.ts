import { describe, expect, it } from 'vitest';
import { DelineateError } from '../errors.ts';
import type { Handlers } from './contract.ts';
import { dispatch, unwrap } from './dispatch.ts';

const info = {
  id: 'vol-0123456789abcdef',
  source: '/data/ct',
  patientName: 'A',
  patientId: '1',
  modality: 'CT',
  seriesDescription: '',
  studyInstanceUid: '1.2',
  seriesInstanceUid: '1.2.3',
  frameOfReferenceUid: '1.2.4',
  dims: [2, 2, 2] as [number, number, number],
  spacing: [1, 1, 1] as [number, number, number],
  origin: [0, 0, 0] as [number, number, number],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  voxelType: 'int16' as const,
  byteLength: 16,
  window: { center: 40, width: 400 },
  warnings: [],
};

/** A namespace this test does not exercise: every channel refuses plainly. */
const notExercised = new Proxy({}, { get: () => async () => Promise.reject(new DelineateError('unsupported', 'not in this test')) });

function handlers(openResult: unknown = info): Handlers<null> {
  return {
    ai: notExercised as Handlers<null>['ai'],
    workspace: notExercised as Handlers<null>['workspace'],
    rt: notExercised as Handlers<null>['rt'],
    worklist: notExercised as Handlers<null>['worklist'],
    settings: notExercised as Handlers<null>['settings'],
    app: { info: async () => ({ name: 'Delineate', version: '0', host: 'browser', platform: 'linux' }) },
    study: {
      initial: async () => null,
      open: async ({ path }) => {
        if (path === '/missing') throw new DelineateError('not-found', '/missing: no such file or folder');
        return openResult as typeof info;
      },
      release: async () => ({}),
      // Not exercised here: the contract requires every channel, so these refuse plainly.
      scan: async () => Promise.reject(new DelineateError('unsupported', 'not in this test')),
      load: async () => Promise.reject(new DelineateError('unsupported', 'not in this test')),
      thumbnail: async () => Promise.reject(new DelineateError('unsupported', 'not in this test')),
      companionStructures: async () => Promise.reject(new DelineateError('unsupported', 'not in this test')),
      cancel: async () => ({}),
    },
    dialog: { chooseFolder: async () => ({ path: null, supported: false }) },
  };
}

describe('dispatch', () => {
  it('answers a valid request with the validated output', async () => {
    expect(await dispatch(handlers(), 'study.open', { path: '/data/ct' }, null)).toEqual({ ok: true, output: info });
  });

  it('refuses worklist requests that name a case outside its folder, an unknown status or an empty annotator', async () => {
    const worklistId = 'wl-0123456789abcdef';
    for (const [channel, input] of [
      ['worklist.openCase', { worklistId, caseId: '../other' }],
      ['worklist.setStatus', { worklistId, caseId: 'case-1', status: 'finished' }],
      ['worklist.exportFinished', { worklistId, format: 'DICOM', folder: '/out', deidentify: false }],
      ['worklist.view', { worklistId: 'wl-1' }],
      ['settings.update', { annotator: '   ' }],
    ] as const) {
      expect(await dispatch(handlers(), channel, input, null), channel).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('rejects a malformed payload with a validation error naming the field', async () => {
    const result = await dispatch(handlers(), 'study.open', { path: 42 }, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!result.ok && result.error.message).toMatch(/study\.open: .*path/);
  });

  it('rejects unknown fields, unknown channels and NUL bytes in paths', async () => {
    expect(await dispatch(handlers(), 'study.open', { path: '/a', extra: 1 }, null)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(handlers(), 'fs.readFile', {}, null)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch(handlers(), 'study.open', { path: '/etc/passwd\0.dcm' }, null)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('answers a value the validator itself throws on (a typed array where zod freezes a readonly array) as invalid input', async () => {
    const payload = { volumeId: info.id, modelId: 'm1', previous: null, clicks: [{ voxel: new Uint8Array([1, 2, 3]), positive: true }] };
    const result = await dispatch(handlers(), 'ai.interact', payload, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!result.ok && result.error.message).toMatch(/ai\.interact: .*unreadable value/);
  });

  it('carries a handler error across as {code, message}, rebuilt as DelineateError', async () => {
    const result = await dispatch(handlers(), 'study.open', { path: '/missing' }, null);
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: '/missing: no such file or folder' } });
    expect(() => unwrap(result)).toThrow(DelineateError);
  });

  it('never lets an output that breaks the contract through', async () => {
    const result = await dispatch(handlers({ ...info, id: '../../etc' }), 'study.open', { path: '/x' }, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
