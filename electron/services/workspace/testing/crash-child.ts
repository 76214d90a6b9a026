// Child process of the crash test: opens a case through the real workspace service (as workspace.open does
// for a loaded volume) and applies scripted ops as fast as it can, printing "durable <seq>" each time
// everything up to <seq> is on disk. The parent kills it with SIGKILL at some point and then restores.
import { join } from 'node:path';
import { AuditLog } from '../../audit/audit-log.ts';
import { WorkspaceService } from '../workspace-service.ts';
import { scriptedOp, testVolume } from './scripted-ops.ts';

const [root, total] = [process.argv[2]!, Number(process.argv[3] ?? 10_000)];
const service = new WorkspaceService(join(root, 'workspaces'), { audit: new AuditLog(join(root, 'audit.jsonl')), snapshotEvery: 25 });
const { workspaceId, workspace } = await service.openForVolume('vol-0000000000000001', testVolume('vol-0000000000000001'));
for (let n = 1; n <= total; n++) {
  service.apply(workspaceId, [scriptedOp(n)]);
  if (n % 5 === 0) {
    await workspace.flush();
    process.stdout.write(`durable ${n}\n`);
  }
}
