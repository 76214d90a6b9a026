/**
 * The app's Content-Security-Policy: only its own scripts, styles, images and connections; no eval, no
 * inline script, no frames, no plugins. 'wasm-unsafe-eval' lets the page and its workers compile the
 * WebAssembly codecs (renderer/src/dicom) and allows nothing else ('unsafe-eval' would allow eval too).
 * It reaches workers through this header: a meta tag covers only its own document.
 * `extraConnect` adds the browser host's WebSocket origin.
 */
export function contentSecurityPolicy(extraConnect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${extraConnect.join(' ')}`.trim(),
    // Workers are the build's own files (Vite emits each as an asset); none is made from a blob: URL.
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
