// The public shapes of a date or time found in a guest's message; every date and clock is in the spa's zone.

export interface CalendarDate { year: number; month: number; day: number } // month 1-12, in the given zone
export interface ClockTime { hour: number; minute: number } // 24h, in the given zone
export type DayPeriod = 'morning' | 'afternoon' | 'evening' | 'night';
export interface DateTimeMention {
  text: string;
  index: number;
  /** Present when the text names a day; relative offsets ("in 2 hours") carry the day they land on. */
  date?: CalendarDate;
  time?: ClockTime;
  /** Present when only a part of the day is named ("friday afternoon"). */
  period?: DayPeriod;
  /** The hour said may be in either half of the day ("8点", "at 8"): no am or pm, no part of the day, read as the morning's. */
  eitherHalf?: true;
  end?: { date?: CalendarDate; time?: ClockTime };
  /** The day named is the first of a stretch meant as a whole ("the weekend", "next week"), which ends on this day. */
  through?: CalendarDate;
  start: Date;
}
export interface DateReference { now: Date; timeZone: string }
