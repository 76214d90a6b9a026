// The codec check page (codec-check.html): the renderer's decode pool and nothing else, so e2e/codecs.spec.ts
// can hand it frames of real files and compare what comes back. This page's own thread never configures
// the codecs: a compressed frame decodes in a worker or not at all.
import { createDecodePool } from './decode-pool.ts';

const pool = createDecodePool();
Object.assign(window, { decodePool: pool });
document.body.dataset.state = 'ready';
