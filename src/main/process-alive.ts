/**
 * Whether a process with this id runs on this machine. Signal 0 tests for existence without
 * touching the process: ESRCH means gone; EPERM means running under another user.
 */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
