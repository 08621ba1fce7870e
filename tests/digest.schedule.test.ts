import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import {
  canonicalTimeZone,
  compileSchedule,
  latestSlotAtOrBefore,
  nextSlotAfter,
  parseSchedule,
  parseTimeOfDay,
  ScheduleError,
} from '../src/digest/schedule.ts';

function slotsAfter(cron: string, zone: string, from: string, count: number): string[] {
  const schedule = compileSchedule(cron, zone);
  const out: string[] = [];
  let t = new Date(from);
  for (let i = 0; i < count; i++) {
    t = nextSlotAfter(schedule, t)!;
    out.push(t.toISOString());
  }
  return out;
}

describe('parseSchedule', () => {
  it('reads "daily" with the default time', () => {
    expect(parseSchedule('daily', undefined, '08:00')).toEqual({ cron: '0 8 * * *', label: 'daily 08:00' });
  });
  it('reads "daily 18:30" and a separate time option', () => {
    expect(parseSchedule('daily 18:30', undefined, '08:00').cron).toBe('30 18 * * *');
    expect(parseSchedule('daily', '7:05', '08:00')).toEqual({ cron: '5 7 * * *', label: 'daily 07:05' });
  });
  it('defaults to daily when no schedule is given', () => {
    expect(parseSchedule(undefined, '09:15', '08:00').label).toBe('daily 09:15');
  });
  it('reads "weekly mon 6:30 pm" as Monday 18:30', () => {
    expect(parseSchedule('weekly mon 6:30 pm', undefined, '08:00')).toEqual({ cron: '30 18 * * 1', label: 'weekly Monday 18:30' });
  });
  it('takes a five-field cron expression as it is', () => {
    expect(parseSchedule('0 8 * * 1-5', undefined, '08:00')).toEqual({ cron: '0 8 * * 1-5', label: '0 8 * * 1-5' });
  });
  it.each([
    ['weekly', /needs a day/],
    ['weekly funday', /not a day of the week/],
    ['daily 25:00', /not a time of day/],
    ['0 8 * *', /5 fields/],
    ['61 8 * * *', /not a valid cron expression/],
    ['0 8 L * *', /L, W, # or \?/],
    ['0 0 30 2 *', /never|not a valid/],
    ['every tuesday', /not a schedule|5 fields/],
  ])('refuses %s with a clear message', (text, message) => {
    expect(() => parseSchedule(text, undefined, '08:00')).toThrow(ScheduleError);
    expect(() => parseSchedule(text, undefined, '08:00')).toThrow(message);
  });
  it('refuses a time option next to a cron expression', () => {
    expect(() => parseSchedule('0 8 * * *', '09:00', '08:00')).toThrow(/carries its own time/);
  });
  it('refuses two different times', () => {
    expect(() => parseSchedule('daily 08:00', '09:00', '08:00')).toThrow(/give the time once/);
  });
});

describe('parseTimeOfDay', () => {
  it('reads 24-hour and am/pm times', () => {
    expect(parseTimeOfDay('08:00')).toEqual({ hour: 8, minute: 0 });
    expect(parseTimeOfDay('12am')).toEqual({ hour: 0, minute: 0 });
    expect(parseTimeOfDay('12:30 pm')).toEqual({ hour: 12, minute: 30 });
    expect(parseTimeOfDay('8')).toBeNull();
    expect(parseTimeOfDay('13pm')).toBeNull();
  });
});

describe('slots in a time zone', () => {
  it('a daily digest at 08:00 Europe/Kyiv fires at 05:00Z in summer and 06:00Z after clocks go back', () => {
    // Kyiv leaves summer time (UTC+3 -> UTC+2) on Sunday 25 October 2026 at 04:00 local.
    expect(slotsAfter('0 8 * * *', 'Europe/Kyiv', '2026-10-23T12:00:00Z', 4)).toEqual([
      '2026-10-24T05:00:00.000Z',
      '2026-10-25T06:00:00.000Z',
      '2026-10-26T06:00:00.000Z',
      '2026-10-27T06:00:00.000Z',
    ]);
  });
  it('a daily digest at 08:00 Europe/Kyiv moves to 05:00Z when clocks go forward', () => {
    // Kyiv enters summer time on Sunday 29 March 2026 at 03:00 local.
    expect(slotsAfter('0 8 * * *', 'Europe/Kyiv', '2026-03-27T12:00:00Z', 3)).toEqual([
      '2026-03-28T06:00:00.000Z',
      '2026-03-29T05:00:00.000Z',
      '2026-03-30T05:00:00.000Z',
    ]);
  });
  it('a local time skipped by the clock change runs just after the gap, once', () => {
    expect(slotsAfter('30 3 * * *', 'Europe/Kyiv', '2026-03-28T12:00:00Z', 2)).toEqual([
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });
  it('a local time that happens twice when clocks go back runs once, at its first occurrence', () => {
    expect(slotsAfter('30 3 * * *', 'Europe/Kyiv', '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });
  it('weekly schedules land on the named local day', () => {
    expect(slotsAfter('0 18 * * 1', 'America/New_York', '2026-11-01T00:00:00Z', 2)).toEqual([
      '2026-11-02T23:00:00.000Z',
      '2026-11-09T23:00:00.000Z',
    ]);
  });
  it('day of month and day of week both restricted means either, as in cron', () => {
    // 1st of the month or any Friday, at 09:00 UTC.
    expect(slotsAfter('0 9 1 * 5', 'UTC', '2026-05-01T10:00:00Z', 3)).toEqual([
      '2026-05-08T09:00:00.000Z',
      '2026-05-15T09:00:00.000Z',
      '2026-05-22T09:00:00.000Z',
    ]);
  });
  it('the latest slot at or before an instant includes the instant itself', () => {
    const schedule = compileSchedule('0 8 * * *', 'Europe/Kyiv');
    expect(latestSlotAtOrBefore(schedule, new Date('2026-10-25T06:00:00Z'))!.toISOString()).toBe('2026-10-25T06:00:00.000Z');
    expect(latestSlotAtOrBefore(schedule, new Date('2026-10-25T05:59:59Z'))!.toISOString()).toBe('2026-10-24T05:00:00.000Z');
  });
  it('refuses a time zone that does not exist', () => {
    expect(() => compileSchedule('0 8 * * *', 'Mars/Olympus')).toThrow(/not an IANA time zone/);
  });
  it('spells time zones the way the runtime does', () => {
    expect(canonicalTimeZone('europe/kyiv')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Nowhere/Land')).toBeNull();
  });
});

describe('slots agree with a minute-by-minute reading of the wall clock', () => {
  // The reference walks real instants one minute at a time and reads each one's local time with
  // luxon: the first that shows the scheduled time is the next slot. It cannot see a time that
  // is skipped when clocks go forward; there the schedule runs just after the gap instead.
  const zones = ['UTC', 'Europe/Kyiv', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Santiago', 'Pacific/Chatham'];

  function referenceNext(zone: string, hour: number, minute: number, weekday: number | null, from: number): number {
    // Every offset in use is a whole number of quarter hours, so only instants whose UTC minute
    // matches the scheduled minute modulo 15 can show it; checking those alone is enough.
    let t = Math.floor(from / 60_000) * 60_000 + 60_000;
    while (new Date(t).getUTCMinutes() % 15 !== minute % 15) t += 60_000;
    for (; ; t += 15 * 60_000) {
      const local = DateTime.fromMillis(t, { zone });
      if (local.hour === hour && local.minute === minute && (weekday === null || local.weekday % 7 === weekday)) return t;
    }
  }

  // Clock changes in 2026-2027, found hour by hour, so that half the samples start near one.
  const transitions: Array<{ zone: string; at: number }> = [];
  for (const zone of zones) {
    const iana = IANAZone.create(zone);
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-12-31T00:00:00Z'); t += 3_600_000) {
      if (iana.offset(t) !== iana.offset(t + 3_600_000)) transitions.push({ zone, at: t });
    }
  }
  const anywhere = fc.record({
    zone: fc.constantFrom(...zones),
    from: fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
  });
  const nearClockChange = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -2 * 86_400_000, max: 86_400_000 }))
    .map(([transition, shift]) => ({ zone: transition.zone, from: transition.at + shift }));

  it('for daily and weekly schedules in zones with DST, half-hour shifts and odd offsets', () => {
    expect(transitions.length).toBeGreaterThanOrEqual(16);
    fc.assert(
      fc.property(
        fc.oneof(anywhere, nearClockChange),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45, 59),
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
        ({ zone, from }, hour, minute, weekday) => {
          const schedule = compileSchedule(`${minute} ${hour} * * ${weekday ?? '*'}`, zone);
          const mine = nextSlotAfter(schedule, new Date(from))!.getTime();
          const reference = referenceNext(zone, hour, minute, weekday, from);
          const local = DateTime.fromMillis(mine, { zone });
          if (local.hour === hour && local.minute === minute) {
            expect(new Date(mine).toISOString()).toBe(new Date(reference).toISOString());
            expect(latestSlotAtOrBefore(schedule, new Date(mine))!.getTime()).toBe(mine);
          } else {
            // A skipped wall time: it runs right after the gap, before the reference's next match.
            expect(mine).toBeGreaterThan(from);
            expect(mine).toBeLessThan(reference);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
