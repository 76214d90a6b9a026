import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot } from '../services/app-meta.ts';
import { parseArgs } from './args.ts';
import { convertCommand } from './convert-command.ts';
import { segmentCommand } from './segment-command.ts';

/**
 * `convert` and `segment` write NIfTI files through the shared atomic write: on a failure nothing but what was
 * there before is left in the output folder (no temporary file beside the target).
 */
const ct = join(appRoot(), '..', 'shared', 'data', 'pydicom', 'CT2');
const scratch = mkdtempSync(join(tmpdir(), 'delineate-cli-write-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const args = (argv: string[]) => parseArgs(argv, new Set(['json']));

describe('CLI outputs', () => {
  it('convert writes the file and nothing else, and a failed write leaves no temporary file', async () => {
    const folder = join(scratch, 'convert');
    mkdirSync(folder);
    await convertCommand(args(['convert', ct, join(folder, 'ct.nii.gz')]));
    expect(readdirSync(folder)).toEqual(['ct.nii.gz']);
    // A folder where the file should go: the rename at the end fails (EISDIR) after the whole file was written.
    mkdirSync(join(folder, 'busy.nii.gz'));
    await expect(convertCommand(args(['convert', ct, join(folder, 'busy.nii.gz')]))).rejects.toThrow(`${join(folder, 'busy.nii.gz')}: cannot be written (EISDIR)`);
    expect(readdirSync(folder).sort()).toEqual(['busy.nii.gz', 'ct.nii.gz']);
  });

  it('segment leaves no temporary file when its write fails', async () => {
    const folder = join(scratch, 'segment');
    mkdirSync(join(folder, 'body.nii.gz'), { recursive: true });
    await expect(segmentCommand(args(['segment', '--model', 'classic.body', '--image', ct, '--out', join(folder, 'body.nii.gz'), '--json']))).rejects.toThrow(
      `${join(folder, 'body.nii.gz')}: cannot be written (EISDIR)`,
    );
    expect(readdirSync(folder)).toEqual(['body.nii.gz']);
  });
});
