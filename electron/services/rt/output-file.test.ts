import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolders } from '../testing/scratch.ts';
import { writeNewFile, writeNewFiles } from './output-file.ts';

const { freshFolder } = scratchFolders('delineate-output-file-');

describe('writing an export', () => {
  it('writes, refuses to replace without force, replaces with it, and leaves nothing beside the file', async () => {
    const folder = freshFolder();
    const path = join(folder, 'RS.dcm');
    await writeNewFile(path, Buffer.from('first'), false);
    await expect(writeNewFile(path, Buffer.from('second'), false)).rejects.toThrow(`${path}: already exists (use --force to replace it)`);
    expect(readFileSync(path, 'utf8')).toBe('first');
    await writeNewFile(path, Buffer.from('second'), true);
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(folder)).toEqual(['RS.dcm']);
  });

  it.skipIf(process.platform === 'win32')('gets the mode of any file the user writes (the planning system may read it as another user), not the data root\'s private one', async () => {
    const folder = freshFolder();
    writeFileSync(join(folder, 'reference'), 'x');
    await writeNewFile(join(folder, 'RS.dcm'), Buffer.from('x'), false);
    expect(statSync(join(folder, 'RS.dcm')).mode & 0o777).toBe(statSync(join(folder, 'reference')).mode & 0o777);
  });

  it('leaves no temporary file in the folder when the write fails after the data was written (the target is a folder)', async () => {
    const folder = freshFolder();
    // With force the existence check lets it through; rename(2) of a file onto a folder then fails (EISDIR),
    // a real failure at the last step, once a complete temporary file lies in the (import) folder.
    mkdirSync(join(folder, 'labels.nii.gz'));
    const files = [
      { path: join(folder, 'labels.json'), bytes: Buffer.from('{}') },
      { path: join(folder, 'labels.nii.gz'), bytes: new Uint8Array(256 * 1024) },
    ];
    await expect(writeNewFiles(files, true)).rejects.toThrow(`${join(folder, 'labels.nii.gz')}: cannot be written (EISDIR)`);
    expect(readdirSync(folder).sort()).toEqual(['labels.json', 'labels.nii.gz']);
    expect(readdirSync(join(folder, 'labels.nii.gz'))).toEqual([]);
  });
});
