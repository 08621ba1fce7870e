// Calendar arithmetic on ISO days ('YYYY-MM-DD'), in UTC so no time zone shifts a day.
import type { IsoDay } from '../../domain/types.ts';

const MS_PER_DAY = 86_400_000;

export function isIsoDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  return isValidDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isValidDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function toIsoDay(year: number, month: number, day: number): IsoDay {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function toTime(day: IsoDay): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromTime(time: number): IsoDay {
  const date = new Date(time);
  return toIsoDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return fromTime(toTime(day) + days * MS_PER_DAY);
}

/** Adds calendar months, keeping the day where the month is long enough (Jan 31 + 1 month = Feb 28). */
export function addMonths(day: IsoDay, months: number): IsoDay {
  const { year, month, dayOfMonth } = parts(day);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return toIsoDay(y, m, Math.min(dayOfMonth, daysInMonth(y, m)));
}

export function daysBetween(from: IsoDay, to: IsoDay): number {
  return Math.round((toTime(to) - toTime(from)) / MS_PER_DAY);
}

/** 0 = Sunday ... 6 = Saturday, as in Date#getUTCDay. */
export function weekdayOf(day: IsoDay): number {
  return new Date(toTime(day)).getUTCDay();
}

export function parts(day: IsoDay): { year: number; month: number; dayOfMonth: number } {
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  return { year, month, dayOfMonth };
}

/** Monday of the ISO week the day falls in. */
export function mondayOf(day: IsoDay): IsoDay {
  return addDays(day, -((weekdayOf(day) + 6) % 7));
}

export function monthRange(year: number, month: number): { from: IsoDay; to: IsoDay } {
  return { from: toIsoDay(year, month, 1), to: toIsoDay(year, month, daysInMonth(year, month)) };
}
