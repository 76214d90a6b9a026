/**
 * The environment for a process that builds volumes (Electron's main process, a measured load): on Linux,
 * glibc (2.35+) is asked to back large allocations with transparent huge pages (glibc.malloc.hugetlb=1, which
 * madvises them). A 200 MiB volume is then faulted in as 100 huge pages instead of 51,200 small ones: filling a
 * fresh 200 MiB array went from 500-780 ms to 25-50 ms on the build machine (docs/PERFORMANCE.md). glibc reads
 * tunables when a process starts, so this is set on the child, never changed in a running process.
 */
export function volumeProcessEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (process.platform !== 'linux' || /glibc\.malloc\.hugetlb=/.test(env.GLIBC_TUNABLES ?? '')) return env;
  return { ...env, GLIBC_TUNABLES: [env.GLIBC_TUNABLES, 'glibc.malloc.hugetlb=1'].filter(Boolean).join(':') };
}
