/** Words for why a write failed, for the message the user sees. */
export function describeWriteFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full (ENOSPC)';
    case 'EDQUOT':
      return 'the disk quota is used up (EDQUOT)';
    case 'EFBIG':
      return 'the file size limit was reached (EFBIG)';
    case 'EROFS':
      return 'the folder is on a read-only file system (EROFS)';
    case 'EACCES':
    case 'EPERM':
      return `the folder is not writable (${code})`;
    case 'ENOENT':
      return 'the folder no longer exists (ENOENT)';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
