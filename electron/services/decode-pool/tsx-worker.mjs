// Worker threads do not inherit `--import tsx` (Node 20), so a worker started from TypeScript sources
// registers tsx itself, then loads the real entry named in workerData. Used in dev and tests only; a
// bundled build starts its compiled worker directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsxEntry);
