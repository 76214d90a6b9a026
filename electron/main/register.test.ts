import { describe, expect, it, vi } from 'vitest';
import { channelIds } from '../../core/ipc/contract.ts';
import { sampleStudyPath } from '../services/app-meta.ts';
import { createHandlers } from '../services/handlers.ts';
import { VolumeStore } from '../services/volume-store.ts';

// The real Electron runtime cannot run in these Node tests: ipcMain is the external edge, stood in for here.
vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }));
const { registerHandlers } = await import('./register.ts');

type Listener = (event: unknown, input: unknown) => Promise<unknown>;

function registered(): Map<string, Listener> {
  const listeners = new Map<string, Listener>();
  const handlers = createHandlers({ store: new VolumeStore(), host: 'electron', initialStudyPath: sampleStudyPath() });
  registerHandlers({ handle: (channel: string, listener: Listener) => listeners.set(channel, listener) } as never, handlers);
  return listeners;
}

const appFrame = { senderFrame: { url: 'delineate://app/index.html', parent: null }, sender: { isDestroyed: () => false, send: vi.fn() } };

describe('registerHandlers', () => {
  it('registers every contract channel', () => {
    expect([...registered().keys()].sort()).toEqual([...channelIds].sort());
  });

  it('validates input and refuses foreign senders', async () => {
    const listeners = registered();
    expect(await listeners.get('app.info')!(appFrame, {})).toMatchObject({ ok: true, output: { host: 'electron' } });
    expect(await listeners.get('study.open')!(appFrame, { path: ['x'] })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const foreign = { ...appFrame, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await listeners.get('app.info')!(foreign, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
