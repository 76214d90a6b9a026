import type { Session, WebContents, WebFrameMain } from 'electron';
import { contentSecurityPolicy } from '../services/content-security.ts';

/** Everything the app loads comes from its own scheme; the network is never asked for anything. */
export const appScheme = 'delineate';
export const appOrigin = `${appScheme}://app`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** The only URLs the app's session may request. DevTools is allowed for its own UI only. */
export function isAllowedUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === `${appScheme}:` && parsed.host === 'app') || parsed.protocol === 'devtools:';
  } catch {
    return false;
  }
}

/** IPC is answered only for the app's own top-level page, never for a frame or a foreign page. */
export function isTrustedSender(frame: Pick<WebFrameMain, 'url' | 'parent'> | null): boolean {
  return frame !== null && frame.parent === null && isAllowedUrl(frame.url) && new URL(frame.url).protocol === `${appScheme}:`;
}

/** Denies every request that is not the app's own, every permission, and sets the CSP on every response. */
export function hardenSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedUrl(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } }),
  );
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // The session's spellchecker downloads Hunspell dictionaries from Google's CDN when a page asks, even with
  // webPreferences.spellcheck off (electron/electron#22995): off, and pointed at nothing should it ever start.
  session.setSpellCheckerEnabled(false);
  session.setSpellCheckerDictionaryDownloadURL(`${appOrigin}/no-dictionaries/`);
}

/**
 * Chromium switches for the main process, set before the app is ready: no host name resolves (the app asks the
 * network for nothing, so a request that slipped past the session's filter, or one made by Chromium itself,
 * finds no server), and no background networking.
 */
export const offlineSwitches: readonly (readonly [string, string?])[] = [
  ['host-resolver-rules', 'MAP * ~NOTFOUND'],
  ['disable-background-networking'],
  ['disable-component-update'],
  ['disable-domain-reliability'],
  ['no-pings'],
];

/** Locks a window's contents: no navigation away, no new windows, no webviews. */
export function lockContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
