/**
 * A token bucket: at most `ratePerSecond` sends per second on average, bursts of at most one
 * second's worth. Per worker process; a relay's limit is shared by dividing it among workers
 * (README "Notifications"). 0 = no throttle.
 */
export interface Throttle {
  acquire(): Promise<void>;
}

export function createThrottle(
  ratePerSecond: number,
  clock: { now(): number; sleep(ms: number): Promise<void> } = {
    now: () => performance.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  },
): Throttle {
  if (ratePerSecond <= 0) return { acquire: async () => undefined };
  const capacity = Math.max(1, ratePerSecond);
  let tokens = capacity;
  let last = clock.now();
  // Callers queue in order: a burst of waiting activities is served first come, first served.
  let queue: Promise<void> = Promise.resolve();
  const take = async () => {
    for (;;) {
      const now = clock.now();
      tokens = Math.min(capacity, tokens + ((now - last) / 1000) * ratePerSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await clock.sleep(Math.ceil(((1 - tokens) / ratePerSecond) * 1000));
    }
  };
  return {
    acquire() {
      const turn = queue.then(take);
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
