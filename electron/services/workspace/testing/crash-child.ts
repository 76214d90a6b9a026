// Child process of the crash test: opens (or creates) a workspace through the real service code and applies
// scripted ops as fast as it can, printing "durable <seq>" each time everything up to <seq> is on disk.
// The parent kills it with SIGKILL at some point and then restores.
import { Workspace } from '../workspace.ts';
import { geometryFingerprint } from '../image-reference.ts';
import { scriptedOp, testGeometry } from './scripted-ops.ts';

const [folder, total] = [process.argv[2]!, Number(process.argv[3] ?? 10_000)];
const workspace = await Workspace.create(
  folder,
  { path: '/test/image', seriesInstanceUid: '1.2.3', frameOfReferenceUid: '1.2.3.4', description: 'crash test', fingerprint: geometryFingerprint(testGeometry), createdAt: new Date().toISOString() },
  testGeometry,
  { snapshotEvery: 25 },
);
for (let n = 1; n <= total; n++) {
  workspace.apply(scriptedOp(n));
  if (n % 5 === 0) {
    await workspace.flush();
    process.stdout.write(`durable ${n}\n`);
  }
}
