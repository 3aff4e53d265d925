import { readFile } from 'node:fs/promises';

/**
 * Resident set size of a process in bytes, read from `/proc/<pid>/status` (Linux). Undefined elsewhere or
 * when the process is gone; the worker's own reports cover other platforms.
 */
export async function residentBytes(pid: number): Promise<number | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
