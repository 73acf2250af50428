import { vnInstant, WorkingCalendar } from '@dondoc/calendar';
import { nextSendInstant } from './send-window';

const cal = new WorkingCalendar();
const window = { fromMinute: 8 * 60, toMinute: 17 * 60 };

describe('nextSendInstant (send window, Vietnam time, working days)', () => {
  it('sends at once inside the window on a working day', () => {
    expect(nextSendInstant(vnInstant('2021-09-13', 8), window, cal)).toBeNull();
    expect(nextSendInstant(vnInstant('2021-09-13', 16, 59), window, cal)).toBeNull();
  });

  it('waits for the opening the same morning, or the next working day after closing', () => {
    expect(nextSendInstant(vnInstant('2021-09-13', 6, 30), window, cal)).toBe(vnInstant('2021-09-13', 8));
    expect(nextSendInstant(vnInstant('2021-09-13', 17), window, cal)).toBe(vnInstant('2021-09-14', 8));
    // Friday evening → Monday.
    expect(nextSendInstant(vnInstant('2021-09-10', 20), window, cal)).toBe(vnInstant('2021-09-13', 8));
  });

  it('skips weekends and holidays: National Day 2021 (2–3/9) and the weekend after', () => {
    expect(nextSendInstant(vnInstant('2021-09-01', 18), window, cal)).toBe(vnInstant('2021-09-06', 8));
    expect(nextSendInstant(vnInstant('2021-09-02', 10), window, cal)).toBe(vnInstant('2021-09-06', 8));
  });

  it('without a window, always at once', () => {
    expect(nextSendInstant(vnInstant('2021-09-04', 23), null, cal)).toBeNull();
  });
});
