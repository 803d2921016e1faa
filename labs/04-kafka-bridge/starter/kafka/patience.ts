const NOTICE_EVERY_MS = 5_000;

/**
 * Wait for `work`, and say so every few seconds while it takes long: a frozen or unreachable
 * broker makes kafkajs retry quietly for as long as it takes, and a bridge that prints nothing
 * meanwhile looks hung rather than patient.
 */
export async function patiently<T>(work: Promise<T>, notice: (waitedMs: number) => void, everyMs = NOTICE_EVERY_MS): Promise<T> {
  const started = Date.now();
  const timer = setInterval(() => notice(Date.now() - started), everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
