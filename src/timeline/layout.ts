// Where everything in the timeline picture goes: a title, one lane per pair of sides (label on
// the left, talks as marks at their dates), a time axis with ticks, a "today" line, "and N more"
// when lanes were left out, and a legend. Pure geometry in logical pixels (the picture is 600
// wide and rasterised at 2x): the result is a list of shapes that svg.ts writes out.
//
// Every text is measured (fonts.ts) and cut with an ellipsis to the room it has, and a city label
// that would overlap another is moved below its mark or left out, so no name, however long or in
// whatever script, can push anything out of place.
import type { EventStatus, IsoDay } from '../domain/types.ts';
import type { TimelineTalk } from '../store/queries.ts';
import { fitText, textWidth } from './fonts.ts';
import type { LaneSet } from './lanes.ts';

export const WIDTH = 600;

export type Shape =
  | {
      kind: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      fill: string;
      stroke?: string;
      strokeWidth?: number;
      rx?: number;
      dash?: string;
    }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string; stroke?: string; strokeWidth?: number; dash?: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; strokeWidth: number; dash?: string }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      weight: 'regular' | 'bold';
      fill: string;
      anchor: 'start' | 'middle' | 'end';
    };

export interface Picture {
  width: number;
  height: number;
  shapes: Shape[];
}

export interface LayoutInput {
  title: string;
  subtitle: string;
  from: IsoDay;
  to: IsoDay;
  today: IsoDay;
  lanes: LaneSet;
  /** What a lane is, for "and N more …": { one: 'pair of sides', many: 'pairs of sides' }. */
  laneNoun: { one: string; many: string };
}

const PAD = 12;
const LANE_LABEL_WIDTH = 150;
const PLOT_LEFT = PAD + LANE_LABEL_WIDTH + 10;
const PLOT_RIGHT = WIDTH - PAD - 8;
const LANE_HEIGHT = 48;
const LANES_TOP = 58;
const MARK_RADIUS = 5;
/** The ring around the next planned talk. */
const HALO = 4;
const HALO_FILL = '#fbe3d9';
const CITY_LABEL_MAX = 120;
const MAX_LABELS_PER_LANE = 6;
const LABEL_GAP = 4;
const TEXT = { title: 16, body: 13, small: 12 } as const;

export const COLORS = {
  background: '#ffffff',
  text: '#1d2430',
  muted: '#5b6472',
  zebra: '#f3f5f8',
  grid: '#dde2ea',
  held: '#1f5fa8',
  planned: '#2e7d32',
  proposed: '#8a6d00',
  cancelled: '#8f969f',
  next: '#d84315',
  today: '#c62828',
} as const;

const DAY_MS = 86_400_000;
const dayNumber = (day: IsoDay) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayOf = (n: number): IsoDay => new Date(n * DAY_MS).toISOString().slice(0, 10);

export function layoutTimeline(input: LayoutInput): Picture {
  const shapes: Shape[] = [];
  const first = dayNumber(input.from);
  const days = Math.max(1, dayNumber(input.to) - first + 1);
  const x = (day: IsoDay) => PLOT_LEFT + ((dayNumber(day) - first) / days) * (PLOT_RIGHT - PLOT_LEFT);
  const dayWidth = (PLOT_RIGHT - PLOT_LEFT) / days;
  const centre = (day: IsoDay) => x(day) + dayWidth / 2;

  const lanesBottom = LANES_TOP + input.lanes.lanes.length * LANE_HEIGHT;
  const moreHeight = input.lanes.hidden.lanes > 0 ? 22 : 0;
  const axisY = lanesBottom + moreHeight + 6;

  // Title and what the picture shows.
  shapes.push(text(PAD, 24, fitText(input.title, WIDTH - 2 * PAD, TEXT.title, 'bold'), TEXT.title, COLORS.text, 'start', 'bold'));
  shapes.push(text(PAD, 43, fitText(input.subtitle, WIDTH - 2 * PAD, TEXT.small), TEXT.small, COLORS.muted));

  // Lanes: a band each, the label on the left.
  input.lanes.lanes.forEach((lane, i) => {
    const top = LANES_TOP + i * LANE_HEIGHT;
    if (i % 2 === 0) shapes.push({ kind: 'rect', x: PAD - 4, y: top, w: WIDTH - 2 * PAD + 8, h: LANE_HEIGHT, fill: COLORS.zebra, rx: 3 });
    const label = textWidth(lane.label, TEXT.body) <= LANE_LABEL_WIDTH ? lane.label : fitText(lane.shortLabel, LANE_LABEL_WIDTH, TEXT.body);
    shapes.push(text(PAD, top + 29, label, TEXT.body, COLORS.text));
  });

  // Axis grid and ticks (drawn under the marks).
  for (const tick of axisTicks(input.from, input.to, x)) {
    shapes.push({ kind: 'line', x1: tick.x, y1: LANES_TOP, x2: tick.x, y2: axisY, stroke: COLORS.grid, strokeWidth: 1 });
    shapes.push({ kind: 'line', x1: tick.x, y1: axisY, x2: tick.x, y2: axisY + 4, stroke: COLORS.muted, strokeWidth: 1 });
    shapes.push(text(tick.x, axisY + 18, tick.label, TEXT.small, COLORS.muted, 'middle'));
  }
  shapes.push({ kind: 'line', x1: PLOT_LEFT, y1: axisY, x2: PLOT_RIGHT, y2: axisY, stroke: COLORS.muted, strokeWidth: 1 });
  if (input.today >= input.from && input.today <= input.to) {
    const tx = centre(input.today);
    shapes.push({ kind: 'line', x1: tx, y1: LANES_TOP - 4, x2: tx, y2: axisY, stroke: COLORS.today, strokeWidth: 1.2, dash: '4 3' });
    const label = 'today';
    const half = textWidth(label, TEXT.small) / 2;
    shapes.push(
      text(Math.min(Math.max(tx, PLOT_LEFT + half), PLOT_RIGHT - half), LANES_TOP - 7, label, TEXT.small, COLORS.today, 'middle'),
    );
  }

  // Marks and their city labels, lane by lane.
  input.lanes.lanes.forEach((lane, i) => {
    const top = LANES_TOP + i * LANE_HEIGHT;
    const cy = top + 25;
    const rows = { above: [] as Array<[number, number]>, below: [] as Array<[number, number]> };
    const marks = groupMarks(lane.talks, input.lanes.nextPlanned, (day) => Math.round(centre(day)));
    // Cancelled talks first, so a held or planned talk on the same day is drawn over them.
    const drawOrder = [...marks].sort((a, b) => STATUS_LAYER[a.status] - STATUS_LAYER[b.status] || Number(a.next) - Number(b.next));
    for (const mark of drawOrder) shapes.push(...markShapes(mark, cy, x, centre, dayWidth, input.from, input.to));
    // Labels: the next planned talk first, then newest to oldest (the recent ones matter most),
    // at most a few per lane: a busy lane stays readable, and each label costs time to draw.
    const labelOrder = [...marks].sort((a, b) => Number(b.next) - Number(a.next) || b.date.localeCompare(a.date));
    let labelled = 0;
    for (const mark of labelOrder) {
      if (labelled >= MAX_LABELS_PER_LANE) break;
      const label = cityLabel(mark);
      if (!label) continue;
      const weight = mark.next ? 'bold' : 'regular';
      const fitted = fitText(label, CITY_LABEL_MAX, TEXT.small, weight);
      if (!fitted) continue;
      const w = textWidth(fitted, TEXT.small, weight);
      const mid = mark.dateTo
        ? (clampX(x(maxDay(mark.date, input.from))) + clampX(x(minDay(mark.dateTo, input.to)) + dayWidth)) / 2
        : centre(mark.date);
      const left = Math.min(Math.max(mid - w / 2, PLOT_LEFT - 6), PLOT_RIGHT + 6 - w);
      const span: [number, number] = [left, left + w];
      const row = fits(rows.above, span) ? 'above' : fits(rows.below, span) ? 'below' : null;
      if (!row) continue;
      rows[row].push(span);
      labelled += 1;
      const fill = mark.next ? COLORS.next : mark.status === 'cancelled' ? COLORS.cancelled : COLORS.text;
      shapes.push(text(left, row === 'above' ? top + 13 : top + 44, fitted, TEXT.small, fill, 'start', weight));
    }
  });

  let y = axisY + 24;
  if (input.lanes.hidden.lanes > 0) {
    const { lanes, talks } = input.lanes.hidden;
    const more = `and ${lanes} more ${lanes === 1 ? input.laneNoun.one : input.laneNoun.many} (${talks} talk${talks === 1 ? '' : 's'})`;
    shapes.push(text(PAD, lanesBottom + 16, fitText(more, WIDTH - 2 * PAD, TEXT.small), TEXT.small, COLORS.muted));
  }
  y += 14;
  y = legend(shapes, y);
  return { width: WIDTH, height: Math.ceil(y + PAD), shapes };
}

interface Mark {
  date: IsoDay;
  dateTo: IsoDay | null;
  status: EventStatus;
  next: boolean;
  count: number;
  cities: string[];
}

const STATUS_LAYER: Record<EventStatus, number> = { cancelled: 0, proposed: 1, held: 2, planned: 3 };

/**
 * Talks with the same status drawn at the same pixel (the same day, or days closer than a pixel
 * on a long range) are one mark: a busy lane stays readable and cheap to draw.
 */
function groupMarks(talks: TimelineTalk[], next: TimelineTalk | null, pixel: (day: IsoDay) => number): Mark[] {
  const marks = new Map<string, Mark>();
  for (const talk of talks) {
    const dateTo = talk.dateTo && talk.dateTo > talk.date ? talk.dateTo : null;
    const isNext = talk === next;
    const key = `${pixel(talk.date)}|${dateTo ? pixel(dateTo) : ''}|${talk.status}|${isNext}`;
    let mark = marks.get(key);
    if (!mark) {
      mark = { date: talk.date, dateTo, status: talk.status, next: isNext, count: 0, cities: [] };
      marks.set(key, mark);
    }
    mark.count += 1;
    const city = talk.location.city?.replace(/\s+/g, ' ').trim();
    if (city && !mark.cities.includes(city)) mark.cities.push(city);
  }
  return [...marks.values()];
}

function cityLabel(mark: Mark): string {
  const [city] = mark.cities;
  const prefix = mark.next ? 'next: ' : '';
  if (!city) return mark.next ? 'next' : '';
  const others = mark.cities.length - 1;
  return `${prefix}${city}${others > 0 ? ` +${others}` : mark.count > 1 ? ` ×${mark.count}` : ''}`;
}

function markShapes(
  mark: Mark,
  cy: number,
  x: (d: IsoDay) => number,
  centre: (d: IsoDay) => number,
  dayWidth: number,
  from: IsoDay,
  to: IsoDay,
): Shape[] {
  const look = markLook(mark.status);
  const out: Shape[] = [];
  const color = mark.next ? COLORS.next : look.color;
  if (mark.dateTo) {
    // A round over several days: a bar from its first to its last day (cut at the picture's edges).
    const left = clampX(x(maxDay(mark.date, from)));
    const right = clampX(x(minDay(mark.dateTo, to)) + dayWidth);
    const w = Math.max(right - left, 2 * MARK_RADIUS);
    if (mark.next)
      out.push({
        kind: 'rect',
        x: left - HALO,
        y: cy - MARK_RADIUS - HALO,
        w: w + 2 * HALO,
        h: 2 * (MARK_RADIUS + HALO),
        rx: MARK_RADIUS + HALO,
        fill: HALO_FILL,
        stroke: COLORS.next,
        strokeWidth: 1.5,
      });
    out.push({
      kind: 'rect',
      x: left,
      y: cy - MARK_RADIUS,
      w,
      h: 2 * MARK_RADIUS,
      rx: MARK_RADIUS,
      fill: look.filled ? color : COLORS.background,
      stroke: color,
      strokeWidth: 1.8,
      ...(look.dash ? { dash: look.dash } : {}),
    });
  } else if (mark.status === 'cancelled') {
    const cx = centre(mark.date);
    const d = MARK_RADIUS - 0.5;
    out.push({ kind: 'line', x1: cx - d, y1: cy - d, x2: cx + d, y2: cy + d, stroke: color, strokeWidth: 2 });
    out.push({ kind: 'line', x1: cx - d, y1: cy + d, x2: cx + d, y2: cy - d, stroke: color, strokeWidth: 2 });
  } else {
    if (mark.next)
      out.push({
        kind: 'circle',
        cx: centre(mark.date),
        cy,
        r: MARK_RADIUS + HALO,
        fill: HALO_FILL,
        stroke: COLORS.next,
        strokeWidth: 1.5,
      });
    // A filled mark needs no outline (the same colour): one path to draw instead of two.
    if (look.filled) out.push({ kind: 'circle', cx: centre(mark.date), cy, r: MARK_RADIUS + 0.9, fill: color });
    else
      out.push({
        kind: 'circle',
        cx: centre(mark.date),
        cy,
        r: MARK_RADIUS,
        fill: COLORS.background,
        stroke: color,
        strokeWidth: 1.8,
        ...(look.dash ? { dash: look.dash } : {}),
      });
  }
  return out;
}

function markLook(status: EventStatus): { color: string; filled: boolean; dash?: string } {
  switch (status) {
    case 'held':
      return { color: COLORS.held, filled: true };
    case 'planned':
      return { color: COLORS.planned, filled: false };
    case 'proposed':
      return { color: COLORS.proposed, filled: false, dash: '2 2' };
    case 'cancelled':
      return { color: COLORS.cancelled, filled: false };
  }
}

/** The legend: what each look means. Wraps onto a second line when it does not fit one. */
function legend(shapes: Shape[], top: number): number {
  const items: Array<{ label: string; draw: (cx: number, cy: number) => Shape[] }> = [
    {
      label: 'held',
      draw: (cx, cy) => [{ kind: 'circle', cx, cy, r: MARK_RADIUS, fill: COLORS.held, stroke: COLORS.held, strokeWidth: 1.8 }],
    },
    {
      label: 'planned',
      draw: (cx, cy) => [{ kind: 'circle', cx, cy, r: MARK_RADIUS, fill: COLORS.background, stroke: COLORS.planned, strokeWidth: 1.8 }],
    },
    {
      label: 'proposed',
      draw: (cx, cy) => [
        { kind: 'circle', cx, cy, r: MARK_RADIUS, fill: COLORS.background, stroke: COLORS.proposed, strokeWidth: 1.8, dash: '2 2' },
      ],
    },
    {
      label: 'cancelled',
      draw: (cx, cy) => [
        { kind: 'line', x1: cx - 4.5, y1: cy - 4.5, x2: cx + 4.5, y2: cy + 4.5, stroke: COLORS.cancelled, strokeWidth: 2 },
        { kind: 'line', x1: cx - 4.5, y1: cy + 4.5, x2: cx + 4.5, y2: cy - 4.5, stroke: COLORS.cancelled, strokeWidth: 2 },
      ],
    },
    {
      label: 'several days',
      draw: (cx, cy) => [
        {
          kind: 'rect',
          x: cx - 9,
          y: cy - MARK_RADIUS,
          w: 18,
          h: 2 * MARK_RADIUS,
          rx: MARK_RADIUS,
          fill: COLORS.held,
          stroke: COLORS.held,
          strokeWidth: 1.8,
        },
      ],
    },
    {
      label: 'next planned',
      draw: (cx, cy) => [
        { kind: 'circle', cx, cy, r: MARK_RADIUS + HALO, fill: HALO_FILL, stroke: COLORS.next, strokeWidth: 1.5 },
        { kind: 'circle', cx, cy, r: MARK_RADIUS - 1, fill: COLORS.background, stroke: COLORS.next, strokeWidth: 1.8 },
      ],
    },
  ];
  let xPos = PAD;
  let cy = top;
  for (const item of items) {
    const w = 24 + textWidth(item.label, TEXT.small) + 14;
    if (xPos + w > WIDTH - PAD && xPos > PAD) {
      xPos = PAD;
      cy += 22;
    }
    shapes.push(...item.draw(xPos + 10, cy));
    shapes.push(text(xPos + 24, cy + 4.5, item.label, TEXT.small, COLORS.muted));
    xPos += w;
  }
  return cy + 10;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "5 Oct" or "Oct 2026" ticks, spaced so their labels never touch. */
export function axisTicks(from: IsoDay, to: IsoDay, x: (d: IsoDay) => number): Array<{ x: number; label: string }> {
  const first = dayNumber(from);
  const last = dayNumber(to);
  const span = last - first + 1;
  const candidates: Array<{ day: IsoDay; label: string }> = [];
  if (span <= 120) {
    // Days: every day, every other day or every Monday (every other Monday beyond 10 weeks).
    const step = span <= 10 ? 1 : span <= 21 ? 2 : span <= 70 ? 7 : 14;
    for (let n = first; n <= last; n++) {
      const day = dayOf(n);
      const monday = new Date(n * DAY_MS).getUTCDay() === 1;
      if (step >= 7 ? monday && ((n - first) / 7) % (step / 7) < 1 : (n - first) % step === 0)
        candidates.push({ day, label: dayLabel(day) });
    }
  } else {
    // Months: every 1st, or every 2nd, 3rd, 6th or 12th month on long ranges; the year is written
    // on the first tick and on each January.
    const months = Math.ceil(span / 30);
    const step = months <= 6 ? 1 : months <= 14 ? 2 : months <= 30 ? 3 : months <= 60 ? 6 : 12;
    for (let n = first; n <= last; n++) {
      const day = dayOf(n);
      const month = Number(day.slice(5, 7));
      if (!day.endsWith('-01') || (month - 1) % step !== 0) continue;
      const name = MONTH_NAMES[month - 1]!;
      candidates.push({ day, label: candidates.length === 0 || month === 1 || step === 12 ? `${name} ${day.slice(0, 4)}` : name });
    }
  }
  const ticks: Array<{ x: number; label: string }> = [];
  let lastRight = -Infinity;
  for (const c of candidates) {
    const tx = x(c.day);
    const half = textWidth(c.label, TEXT.small) / 2;
    if (tx - half < lastRight + 8 || tx - half < PLOT_LEFT - 20 || tx + half > WIDTH - 2) continue;
    ticks.push({ x: tx, label: c.label });
    lastRight = tx + half;
  }
  return ticks;
}

function dayLabel(day: IsoDay): string {
  return `${Number(day.slice(8, 10))} ${MONTH_NAMES[Number(day.slice(5, 7)) - 1]}`;
}

function text(
  x: number,
  y: number,
  value: string,
  size: number,
  fill: string,
  anchor: 'start' | 'middle' | 'end' = 'start',
  weight: 'regular' | 'bold' = 'regular',
): Shape {
  return { kind: 'text', x, y, text: value, size, weight, fill, anchor };
}

function fits(row: Array<[number, number]>, [left, right]: [number, number]): boolean {
  return row.every(([l, r]) => right + LABEL_GAP <= l || left >= r + LABEL_GAP);
}

function clampX(value: number): number {
  return Math.min(Math.max(value, PLOT_LEFT), PLOT_RIGHT);
}

const maxDay = (a: IsoDay, b: IsoDay) => (a > b ? a : b);
const minDay = (a: IsoDay, b: IsoDay) => (a < b ? a : b);
