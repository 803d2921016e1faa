/**
 * Ctrl-C, as the bridge's parts see it: a flag, and a way to be told. The handler is installed
 * before the bridge says it is listening, so a Ctrl-C at any moment stops it cleanly.
 */
export class StopSignal {
  requested = false;
  private readonly listeners = new Set<() => void>();

  request(): void {
    if (this.requested) return;
    this.requested = true;
    for (const listener of this.listeners) listener();
  }

  /** Call `listener` on stop; returns a function that forgets it. */
  onStop(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Wait `ms`, or less if stop is requested meanwhile. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const forget = this.onStop(done);
      function done() {
        clearTimeout(timer);
        forget();
        resolve();
      }
    });
  }

  /** Wait until stop is requested. */
  stopped(): Promise<void> {
    return new Promise((resolve) => {
      if (this.requested) return resolve();
      this.onStop(resolve);
    });
  }
}
