// The package ships its types as an ambient module under `types/`, which TypeScript's node16
// resolution does not find through the package's `exports` map. This declares the subset we use.
declare module 'date-chinese' {
  export interface GregorianDate {
    year: number;
    month: number;
    day: number;
  }

  export class CalendarChinese {
    cycle: number;
    year: number;
    month: number;
    leap: boolean;
    day: number;
    constructor(cycle?: number, year?: number, month?: number, leap?: boolean, day?: number);
    set(cycle: number, year: number, month: number, leap: boolean, day: number): this;
    fromGregorian(year: number, month: number, day: number): this;
    fromJDE(jde: number): this;
    toGregorian(gyear?: number): GregorianDate;
    newYear(gyear: number): number;
  }

  /** Chinese calendar computed at the meridian of UTC+7 (Vietnam since 1968). */
  export class CalendarVietnamese extends CalendarChinese {}
}
