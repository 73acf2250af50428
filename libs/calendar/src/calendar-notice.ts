import { IsoDate } from './iso-date.util';

/** One dated entry of a notice. */
export interface NoticeDay {
  date: IsoDate;
  reason: string;
  source?: string;
}

/**
 * The government's yearly choices and swaps, as stored in `plans/calendar/notices/<year>.json`
 * (schema: `plans/calendar/notice.schema.json`). Field names follow the JSON files.
 */
export interface CalendarNotice {
  year: number;
  source: string;
  references?: readonly string[];
  /** The five statutory Tết days chosen for the year; replaces the default choice. */
  tet_days?: readonly IsoDate[];
  /** 1/9 or 3/9 of the year; replaces the default choice. */
  national_day_adjacent?: IsoDate;
  days_off?: readonly NoticeDay[];
  working_days?: readonly NoticeDay[];
  note?: string;
}
