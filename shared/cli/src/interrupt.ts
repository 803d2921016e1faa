/**
 * Ctrl-C without pnpm's "ELIFECYCLE Command failed".
 *
 * In a terminal, Ctrl-C sends SIGINT to every process of the foreground group: the lab's
 * program, this wrapper, and pnpm, which then reports the run as failed even when the program
 * stopped cleanly and exited 0. So while a long-running command owns the terminal, this
 * wrapper reads Ctrl-C itself (raw mode turns the key into a byte instead of a signal) and
 * passes it on as SIGINT to the program alone. pnpm never sees a signal, and the exit code it
 * reports is the program's.
 *
 * Outside a terminal (CI, tests, pipes) nothing changes: a SIGINT sent to this process is
 * passed on the same way.
 */
export function passCtrlCTo(interrupt: () => void): () => void {
  const onSignal = () => interrupt();
  process.on('SIGINT', onSignal);
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return () => process.off('SIGINT', onSignal);
  }
  const onData = (chunk: Buffer) => {
    for (const byte of chunk) {
      if (byte === 0x03) interrupt(); // Ctrl-C
    }
  };
  stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('SIGINT', onSignal);
    stdin.off('data', onData);
    stdin.setRawMode(false);
    stdin.pause();
  };
  // Whatever ends this process, the terminal must get its normal mode back.
  process.once('exit', restore);
  return restore;
}
