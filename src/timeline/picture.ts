// The timeline picture from the store: which days it covers, which talks it shows, the PNG and
// the words that say what the PNG shows (for screen readers, and for clients without images).
// Shared by /timeline, `parley timeline` and the weekly digests, so they all draw the same thing.
import { DateTime } from 'luxon';
import type { CountryCode, EventStatus, IsoDay, Person } from '../domain/types.ts';
import { UserFacingError } from '../interaction/command.ts';
import { escapeMarkdown } from '../render/markdown.ts';
import { formatDay } from '../render/talks.ts';
import type { Store } from '../store/store.ts';
import { countryName } from '../extract/geo/countries.ts';
import { buildLanes, type LaneSet } from './lanes.ts';
import { layoutTimeline } from './layout.ts';
import { renderPng, type Png } from './render.ts';
import { plainText } from './svg.ts';

/** With no `from`, the picture starts this many days before today. */
export const DEFAULT_DAYS_BACK = 60;
/** The most talks one picture reads from the store (a bound on time and memory, not a page). */
export const MAX_TALKS = 20_000;
/** The longest range one picture covers. */
const MAX_RANGE_DAYS = 366 * 20;
export const TIMELINE_FILE_NAME = 'timeline.png';

export interface TimelineRequest {
  side?: CountryCode;
  person?: Person;
  from?: IsoDay;
  to?: IsoDay;
}

export interface TimelineEnv {
  store: Store;
  now: Date;
  timeZone: string;
}

export type TimelineAnswer =
  | { kind: 'empty'; message: string }
  | {
      kind: 'picture';
      png: Png;
      /** Plain text: the picture's title. */
      title: string;
      /** Discord markdown (article-derived parts escaped): what the picture shows. */
      description: string;
      talks: number;
    };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day typed as an option ("2026-10-05"), or a UserFacingError saying what is expected. */
export function parseDayOption(value: string, name: string): IsoDay {
  const day = value.trim();
  const parsed = DateTime.fromISO(day, { zone: 'UTC' });
  if (!ISO_DAY.test(day) || !parsed.isValid) {
    throw new UserFacingError(`${name}: expected a day written like 2025-11-30, got “${escapeMarkdown(day.slice(0, 40))}”.`);
  }
  return day;
}

export async function drawTimeline(request: TimelineRequest, env: TimelineEnv): Promise<TimelineAnswer> {
  const today = DateTime.fromJSDate(env.now, { zone: env.timeZone }).toISODate()!;
  const from = request.from ?? addDays(today, -DEFAULT_DAYS_BACK);
  const to = request.to ?? null;
  if (to !== null && to < from) throw new UserFacingError(`The range ends (${formatDay(to)}) before it starts (${formatDay(from)}).`);
  if (to !== null && daysBetween(from, to) > MAX_RANGE_DAYS)
    throw new UserFacingError('A timeline covers at most twenty years; choose a shorter range.');

  const found = await env.store.queries.timelineTalks({
    from,
    to,
    limit: MAX_TALKS,
    ...(request.side ? { side: request.side } : {}),
    ...(request.person ? { personId: request.person.id } : {}),
  });
  if (found.talks.length === 0) return { kind: 'empty', message: emptyMessage(request, from, to) };

  // An open range ends at the last talk it holds (what is planned), and never before today.
  const lastTalkDay = found.talks.reduce((last, t) => maxDay(last, t.dateTo ?? t.date), from);
  const end = to ?? capRange(from, maxDay(today, lastTalkDay));
  const talks = found.talks.filter((t) => t.date <= end);
  const more = found.more || talks.length < found.talks.length;
  const lanes = buildLanes(talks, { today, ...(request.person ? { personCountry: request.person.country } : {}) });
  const title = pictureTitle(request);
  const counted = `${talks.length}${more ? '+' : ''} talk${talks.length === 1 ? '' : 's'}`;
  const picture = layoutTimeline({
    title,
    subtitle: `${formatDay(from)} – ${formatDay(end)} · ${counted} · today ${formatDay(today)}`,
    from,
    to: end,
    today,
    lanes,
    laneNoun: request.person ? { one: 'counterpart', many: 'counterparts' } : { one: 'pair of sides', many: 'pairs of sides' },
  });
  const png = await renderPng(picture);
  return {
    kind: 'picture',
    png,
    title,
    description: describe(lanes, { from, end, today, counted, person: request.person }),
    talks: talks.length,
  };
}

function pictureTitle(request: TimelineRequest): string {
  const side = request.side ? `${countryName(request.side)}` : null;
  if (request.person) return `Talks of ${plainText(request.person.name)}${side ? ` with ${side}` : ''}`;
  return side ? `Talks with ${side}` : 'Talks';
}

function emptyMessage(request: TimelineRequest, from: IsoDay, to: IsoDay | null): string {
  const who = [
    request.side ? `with ${countryName(request.side)} (${request.side})` : null,
    request.person ? `of ${escapeMarkdown(plainText(request.person.name))}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const range = to === null ? `between ${formatDay(from)} and today, and none planned` : `between ${formatDay(from)} and ${formatDay(to)}`;
  return `No talks${who ? ` ${who}` : ''} ${range}. Try a wider range with from: and to: (days like 2025-11-30), or /latest-talks.`;
}

const STATUS_WORDS: Record<EventStatus, string> = { held: 'held', planned: 'planned', proposed: 'proposed', cancelled: 'cancelled' };
/** Lanes listed in the description; the picture has the rest. */
const DESCRIBED_LANES = 12;

/** What the picture shows, in words: the range, each lane with its counts, the next planned talk. */
function describe(lanes: LaneSet, info: { from: IsoDay; end: IsoDay; today: IsoDay; counted: string; person: Person | undefined }): string {
  const lines = [
    `A timeline of ${info.counted} from ${formatDay(info.from)} to ${formatDay(info.end)}, oldest on the left, one lane per ${info.person ? 'counterpart' : 'pair of sides'}:`,
  ];
  for (const lane of lanes.lanes.slice(0, DESCRIBED_LANES)) {
    const counts = new Map<EventStatus, number>();
    for (const t of lane.talks) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
    const detail = [...counts].map(([status, n]) => `${n} ${STATUS_WORDS[status]}`).join(', ');
    lines.push(`• ${escapeMarkdown(lane.label)}: ${detail}`);
  }
  if (lanes.hidden.lanes > 0) lines.push(`…and ${lanes.hidden.lanes} more (${lanes.hidden.talks} talks), not drawn.`);
  const next = lanes.nextPlanned;
  if (next) {
    const place = next.location.city ? ` in ${escapeMarkdown(plainText(next.location.city))}` : '';
    const sides = next.sides.length ? ` (${next.sides.map((s) => escapeMarkdown(countryName(s))).join(' · ')})` : '';
    lines.push(`**Next planned:** ${formatDay(next.date)}${place}${sides}.`);
  } else {
    lines.push('Nothing planned after today.');
  }
  return lines.join('\n');
}

const DAY_MS = 86_400_000;
function addDays(day: IsoDay, n: number): IsoDay {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
function daysBetween(a: IsoDay, b: IsoDay): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
function capRange(from: IsoDay, end: IsoDay): IsoDay {
  return daysBetween(from, end) > MAX_RANGE_DAYS ? addDays(from, MAX_RANGE_DAYS) : end;
}
const maxDay = (a: IsoDay, b: IsoDay) => (a > b ? a : b);
