import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { hardenSession, isAllowedUrl, isTrustedSender, lockContents } from './security.ts';

describe('network lock', () => {
  it('allows only the app scheme (and DevTools UI)', () => {
    expect(isAllowedUrl('delineate://app/index.html')).toBe(true);
    expect(isAllowedUrl('delineate://app/bulk/volume/vol-0123456789abcdef')).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'delineate://other/x', 'ws://localhost/', 'data:text/html,x', 'not a url']) {
      expect(isAllowedUrl(url)).toBe(false);
    }
  });

  it('trusts IPC only from the app page in the top frame', () => {
    expect(isTrustedSender({ url: 'delineate://app/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'delineate://app/index.html', parent: {} as never })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

/** The slice of WebContents that lockContents touches: events plus the window-open handler. */
class FakeContents extends EventEmitter {
  openHandler: (() => { action: string }) | undefined;
  getURL = () => 'delineate://app/index.html';
  setWindowOpenHandler(handler: () => { action: string }) {
    this.openHandler = handler;
  }
}

function fire(contents: FakeContents, event: string, ...args: unknown[]): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, ...args);
  return prevented;
}

describe('lockContents', () => {
  it('blocks navigation away, redirects, webviews and new windows', () => {
    const contents = new FakeContents();
    lockContents(contents as never);
    expect(fire(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire(contents, 'will-navigate', 'delineate://app/index.html')).toBe(false);
    expect(fire(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
    expect(fire(contents, 'will-attach-webview')).toBe(true);
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });
});

/** The slice of Session that hardenSession touches, recording what it is told (Electron cannot run here). */
class FakeSession {
  calls: string[] = [];
  beforeRequest: ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void) | undefined;
  webRequest = {
    onBeforeRequest: (listener: NonNullable<FakeSession['beforeRequest']>) => (this.beforeRequest = listener),
    onHeadersReceived: () => this.calls.push('headers'),
  };
  setPermissionRequestHandler = () => this.calls.push('permission-request');
  setPermissionCheckHandler = () => this.calls.push('permission-check');
  setSpellCheckerEnabled = (on: boolean) => this.calls.push(`spellchecker ${on}`);
  setSpellCheckerDictionaryDownloadURL = (url: string) => this.calls.push(`dictionaries from ${url}`);
}

describe('hardenSession', () => {
  it('cancels foreign requests, and turns the spellchecker (which fetches dictionaries from a CDN) off', () => {
    const session = new FakeSession();
    hardenSession(session as never);
    expect(session.calls).toEqual(['headers', 'permission-request', 'permission-check', 'spellchecker false', 'dictionaries from delineate://app/no-dictionaries/']);
    const cancelled = (url: string) => {
      let answer: boolean | undefined;
      session.beforeRequest!({ url }, (r) => (answer = r.cancel));
      return answer;
    };
    expect(cancelled('https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic')).toBe(true);
    expect(cancelled('delineate://app/index.html')).toBe(false);
  });
});
