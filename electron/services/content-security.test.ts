import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security.ts';

/** The policy as directive -> sources. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe('contentSecurityPolicy', () => {
  const policy = directives(contentSecurityPolicy(['ws://127.0.0.1:4000']));

  it('lets WebAssembly compile (the codecs) without allowing eval', () => {
    expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  it('runs only the build\'s own workers, never blob: ones', () => {
    expect(policy['worker-src']).toEqual(["'self'"]);
  });

  it('connects only to itself and the given WebSocket origin', () => {
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['connect-src']).toEqual(["'self'", 'ws://127.0.0.1:4000']);
  });
});
