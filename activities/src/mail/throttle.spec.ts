import { createThrottle } from './throttle';

/** A fake clock: sleeping advances time, so the throttle's arithmetic is checked without waiting. */
function fakeClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), elapsed: () => t };
}

describe('createThrottle (token bucket)', () => {
  it('lets a burst of one second through, then paces at the rate', async () => {
    const clock = fakeClock();
    const throttle = createThrottle(10, clock);
    for (let i = 0; i < 10; i++) await throttle.acquire();
    expect(clock.elapsed()).toBe(0);
    for (let i = 0; i < 20; i++) await throttle.acquire();
    // 20 more at 10/s: two seconds.
    expect(clock.elapsed()).toBeGreaterThanOrEqual(2000);
    expect(clock.elapsed()).toBeLessThan(2100);
  });

  it('serves concurrent callers in order, none faster than the rate', async () => {
    const clock = fakeClock();
    const throttle = createThrottle(5, clock);
    const order: number[] = [];
    await Promise.all(Array.from({ length: 15 }, (_, i) => throttle.acquire().then(() => order.push(i))));
    expect(order).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(clock.elapsed()).toBeGreaterThanOrEqual(2000);
  });

  it('0 means no throttle', async () => {
    const clock = fakeClock();
    const throttle = createThrottle(0, clock);
    for (let i = 0; i < 1000; i++) await throttle.acquire();
    expect(clock.elapsed()).toBe(0);
  });
});
