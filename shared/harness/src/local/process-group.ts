/**
 * Signal a service started detached, and everything it spawned: a detached process leads its
 * own process group, so signalling the group (a negative pid) reaches the JVM behind a
 * launcher script too. A process that is not a group leader (or is gone) gets the signal alone,
 * if it is still there.
 */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}
