import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * onnxruntime writes a mat-debug-<pid>.log into the temporary folder each time a process loads it. It stays
 * empty, and without this one more would pile up in the machine's /tmp at every start of the app. Removes the
 * inference host's file when it is empty (one with something in it is kept for whoever diagnoses a crash).
 */
export function removeOnnxruntimeLog(pid: number): void {
  const file = join(tmpdir(), `mat-debug-${pid}.log`);
  try {
    if (statSync(file).size === 0) rmSync(file);
  } catch {
    // Not there (another onnxruntime version, or already removed): nothing to do.
  }
}
