// Turns "what changed since the last digest" into one Discord message: talks held, talks newly
// planned, status changes and the most notable new quotes, each group newest first, within
// Discord's limits, with "and N more: /latest-talks" when it does not all fit. Pure: the same
// changes and options always give the same reply.
import { DateTime } from 'luxon';
import type { Quote } from '../domain/types.ts';
import type { DigestChange, DigestChangesPage, DigestFilters } from '../store/digests.ts';
import type { Reply, ReplyEmbed } from '../interaction/command.ts';
import { escapeMarkdown, truncate } from '../render/markdown.ts';
import { formatQuote, formatSide, formatStatus, talkHeading, talkSummaryLines } from '../render/talks.ts';

export interface ComposeOptions {
  /** Start of the window (exclusive) and the slot the digest is for. */
  since: Date;
  until: Date;
  timeZone: string;
  filters: DigestFilters;
  /** At most this many events in all groups (config digests.maxItems). */
  maxItems: number;
  /** At most this many quotes. */
  maxQuotes?: number;
  /** Post a one-line "no new talks" instead of nothing when the window is empty. */
  notifyEmpty: boolean;
  /** Talks this channel was already alerted about (src/alerts): the digest says so. */
  alerted?: ReadonlySet<number>;
  /** Embed characters the digest may use (default 5800 of Discord's 6000); less leaves room for a picture's embed. */
  embedBudget?: number;
}

// Discord allows 6000 embed characters per message; a margin keeps the footer and titles safe.
export const EMBED_BUDGET = 5800;
const ITEM_MAX = 1500;
const QUOTE_MAX = 320;

const COLORS = { held: 0x2e7d32, planned: 0x1565c0, changed: 0xef6c00, quotes: 0x6a1b9a } as const;

interface Group {
  key: keyof typeof COLORS;
  title: string;
  items: string[];
}

/** The digest message, or null when there is nothing to post. */
export function composeDigest(changes: DigestChangesPage, options: ComposeOptions): Reply | null {
  const maxQuotes = options.maxQuotes ?? 3;
  const events = changes.events.slice(0, options.maxItems);
  const quotes = rankQuotesByNotability(changes.quotes, events).slice(0, maxQuotes);
  if (events.length === 0 && quotes.length === 0) {
    if (!options.notifyEmpty) return null;
    return { content: `No new talks since ${formatInstant(options.since, options.timeZone)}${describeFilters(options.filters)}.` };
  }

  const alerted = options.alerted ?? new Set<number>();
  const render = (c: DigestChange) => renderEvent(c, alerted.has(c.event.id));
  const groups: Group[] = [
    { key: 'held', title: 'Talks held', items: events.filter((c) => c.kind === 'held').map(render) },
    {
      key: 'changed',
      title: 'Status changes',
      items: events.filter((c) => c.kind === 'status-changed' || c.kind === 'cancelled').map(render),
    },
    { key: 'planned', title: 'Newly planned', items: events.filter((c) => c.kind === 'planned').map(render) },
    { key: 'quotes', title: 'Notable quotes', items: quotes.map(renderQuote) },
  ];

  let budget = options.embedBudget ?? EMBED_BUDGET;
  let omitted = Math.max(0, changes.totalEvents - events.length);
  const embeds: ReplyEmbed[] = [];
  for (const group of groups) {
    if (group.items.length === 0) continue;
    const title = `${group.title} (${group.items.length})`;
    const kept: string[] = [];
    let used = title.length;
    for (const item of group.items) {
      const cost = item.length + 2;
      if (used + cost > budget || kept.join('\n\n').length + cost > 4000) {
        omitted += group.key === 'quotes' ? 0 : 1;
        continue;
      }
      kept.push(item);
      used += cost;
    }
    if (kept.length === 0) continue;
    const embedTitle = kept.length === group.items.length ? title : `${group.title} (${kept.length} of ${group.items.length})`;
    embeds.push({ title: embedTitle, description: kept.join('\n\n'), color: COLORS[group.key] });
    budget -= used;
  }
  if (omitted > 0 && embeds.length > 0) embeds[embeds.length - 1]!.footer = `and ${omitted} more: /latest-talks`;

  const alertedCount = events.filter((c) => alerted.has(c.event.id)).length;
  const alertNote =
    alertedCount > 0
      ? `\n🔔 ${alertedCount === events.length ? 'All' : `${alertedCount} of ${events.length}`} of these talks were already alerted here.`
      : '';
  const header = `**Talks digest**: what changed since ${formatInstant(options.since, options.timeZone)}${describeFilters(options.filters)}${alertNote}`;
  return { content: truncate(header, 2000), embeds };
}

/**
 * Orders quotes by how worth reading they are: said by someone who took part in a talk in this
 * digest, then by a named speaker, then a quote of readable length, then the newest.
 */
export function rankQuotesByNotability(quotes: Quote[], events: DigestChange[]): Quote[] {
  const participants = new Set(events.flatMap((c) => c.event.participants.map((p) => p.personId)));
  const score = (q: Quote): number =>
    (q.personId !== null && participants.has(q.personId) ? 4 : 0) +
    (q.speaker ? 2 : 0) +
    (q.text.length >= 40 && q.text.length <= 400 ? 1 : 0);
  return [...quotes].sort((a, b) => score(b) - score(a) || (b.date ?? '').localeCompare(a.date ?? '') || b.id - a.id);
}

function renderEvent(change: DigestChange, alerted: boolean): string {
  const { event } = change;
  const transition =
    change.kind === 'status-changed' && change.previousStatus
      ? `${formatStatus(change.previousStatus)} → **${formatStatus(event.status)}**`
      : null;
  const heading = `**${talkHeading(event)}**${alerted ? ' · 🔔 alerted' : ''}`;
  const item = [transition, heading, talkSummaryLines(event)].filter(Boolean).join('\n');
  return truncate(item, ITEM_MAX);
}

function renderQuote(quote: Quote): string {
  return truncate(`> ${formatQuote(quote, { withSpeaker: true, maxLength: QUOTE_MAX })}`, ITEM_MAX);
}

/** "Fri 20 Nov 08:00 (Europe/Kyiv)". */
export function formatInstant(instant: Date, timeZone: string): string {
  return `${DateTime.fromJSDate(instant, { zone: timeZone }).toFormat('ccc d LLL HH:mm')} (${timeZone})`;
}

/** " · side 🇺🇦 UA · person X · keywords a, b" for the header, empty when there are no filters. */
export function describeFilters(filters: DigestFilters): string {
  const parts: string[] = [];
  if (filters.side) parts.push(`side ${formatSide(filters.side)}`);
  if (filters.person) parts.push(`person ${escapeMarkdown(filters.person)}`);
  if (filters.keywords) parts.push(`keywords ${escapeMarkdown(filters.keywords)}`);
  return parts.length ? ` · ${parts.join(' · ')}` : '';
}
