// Turns "what changed since the last digest" into one Discord message: talks held, talks newly
// planned, status changes and the most notable new quotes, each group newest first, within
// Discord's limits, with "and N more: /latest-talks" when it does not all fit. Pure: the same
// changes and options always give the same reply.
import { DateTime } from 'luxon';
import type { Quote, SourceCitation, TalkEvent } from '../domain/types.ts';
import type { DigestChange, DigestChangesPage, DigestFilters } from '../store/digests.ts';
import type { Reply, ReplyEmbed } from '../interaction/command.ts';
import { escapeMarkdown, link, truncate } from '../render/markdown.ts';
import { countryFlag, countryName } from '../extract/geo/countries.ts';

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
}

// Discord allows 6000 embed characters per message; a margin keeps the footer and titles safe.
const EMBED_BUDGET = 5800;
const ITEM_MAX = 1500;
const SUMMARY_MAX = 240;
const QUOTE_MAX = 320;
const SOURCES_SHOWN = 3;

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

  const groups: Group[] = [
    { key: 'held', title: 'Talks held', items: events.filter((c) => c.kind === 'held').map((c) => renderEvent(c)) },
    { key: 'changed', title: 'Status changes', items: events.filter((c) => c.kind === 'status-changed' || c.kind === 'cancelled').map((c) => renderEvent(c)) },
    { key: 'planned', title: 'Newly planned', items: events.filter((c) => c.kind === 'planned').map((c) => renderEvent(c)) },
    { key: 'quotes', title: 'Notable quotes', items: quotes.map(renderQuote) },
  ];

  let budget = EMBED_BUDGET;
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

  const header = `**Talks digest**: what changed since ${formatInstant(options.since, options.timeZone)}${describeFilters(options.filters)}`;
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

/** "12 Nov 2026", "12–13 Nov 2026", "30 Nov – 2 Dec 2026", "≈ 12 Nov 2026", "date unknown". */
export function formatEventDate(date: string | null, dateTo: string | null, approx: boolean): string {
  if (!date) return 'date unknown';
  const from = DateTime.fromISO(date, { zone: 'utc' });
  if (!from.isValid) return escapeMarkdown(date);
  let text = from.toFormat('d LLL yyyy');
  const to = dateTo ? DateTime.fromISO(dateTo, { zone: 'utc' }) : null;
  if (to?.isValid && dateTo !== date) {
    if (to.year !== from.year) text = `${from.toFormat('d LLL yyyy')} – ${to.toFormat('d LLL yyyy')}`;
    else if (to.month !== from.month) text = `${from.toFormat('d LLL')} – ${to.toFormat('d LLL yyyy')}`;
    else text = `${from.toFormat('d')}–${to.toFormat('d LLL yyyy')}`;
  }
  return approx ? `≈ ${text}` : text;
}

/** "Geneva, Switzerland 🇨🇭", "Turkey 🇹🇷", "place unknown". */
export function formatPlace(event: Pick<TalkEvent, 'location'>): string {
  const { city, country } = event.location;
  const countryText = country ? `${countryName(country)} ${countryFlag(country)}`.trim() : '';
  if (city && countryText) return `${escapeMarkdown(city)}, ${countryText}`;
  if (city) return escapeMarkdown(city);
  return countryText || 'place unknown';
}

/** "🇺🇦 Ukraine – 🇺🇸 United States". */
export function formatSides(sides: string[]): string {
  return sides.map((code) => `${countryFlag(code)} ${countryName(code)}`.trim()).join(' – ');
}

/** A short label for a source: the site's host name, or the local file's name. */
export function sourceLabel(source: Pick<SourceCitation, 'url' | 'file' | 'title'>): string {
  if (source.url) {
    try {
      return new URL(source.url).hostname.replace(/^www\./, '');
    } catch {
      // fall through to the title
    }
  }
  return source.file ?? source.title ?? 'source';
}

function renderSources(sources: SourceCitation[]): string {
  const seen = new Set<string>();
  const unique = sources.filter((s) => {
    const key = s.url ?? s.file ?? String(s.articleId);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return '';
  const shown = unique.slice(0, SOURCES_SHOWN).map((s) => link(sourceLabel(s), s.url));
  const more = unique.length > SOURCES_SHOWN ? ` (+${unique.length - SOURCES_SHOWN} more)` : '';
  return `Sources: ${shown.join(' · ')}${more}`;
}

function renderEvent(change: DigestChange): string {
  const { event } = change;
  const status =
    change.kind === 'status-changed' && change.previousStatus ? `${change.previousStatus} → **${event.status}**` : change.kind === 'cancelled' ? '**cancelled**' : '';
  const headline = [status, `**${formatEventDate(event.date, event.dateTo, event.approx)}**`, formatPlace(event)].filter(Boolean).join(' · ');
  const lines = [headline];
  const sides = formatSides(event.sides);
  lines.push([sides, event.kind].filter(Boolean).join(' · '));
  if (event.participants.length > 0) {
    lines.push(`With: ${truncate(event.participants.map((p) => escapeMarkdown(p.name)).join(', '), 300)}`);
  }
  if (event.summary.trim()) lines.push(truncate(escapeMarkdown(event.summary.replace(/\s+/g, ' ').trim()), SUMMARY_MAX));
  const sources = renderSources(event.sources);
  if (sources) lines.push(sources);
  lines.push(`/event id:${event.id}`);
  return truncate(lines.join('\n'), ITEM_MAX);
}

function renderQuote(quote: Quote): string {
  const text = truncate(escapeMarkdown(quote.text.replace(/\s+/g, ' ').trim()), QUOTE_MAX);
  const who = quote.speaker ? `**${escapeMarkdown(quote.speaker)}**` : 'unattributed';
  const when = quote.date ? `, ${formatEventDate(quote.date, null, false)}` : '';
  return truncate(`> “${text}”\n— ${who}${when} · ${link(sourceLabel(quote.source), quote.source.url)}`, ITEM_MAX);
}

/** "Fri 20 Nov 08:00 (Europe/Kyiv)". */
export function formatInstant(instant: Date, timeZone: string): string {
  return `${DateTime.fromJSDate(instant, { zone: timeZone }).toFormat('ccc d LLL HH:mm')} (${timeZone})`;
}

/** " · side 🇺🇦 UA · person X · keywords a, b" for the header, empty when there are no filters. */
export function describeFilters(filters: DigestFilters): string {
  const parts: string[] = [];
  if (filters.side) parts.push(`side ${`${countryFlag(filters.side)} ${filters.side}`.trim()}`);
  if (filters.person) parts.push(`person ${escapeMarkdown(filters.person)}`);
  if (filters.keywords) parts.push(`keywords ${escapeMarkdown(filters.keywords)}`);
  return parts.length ? ` · ${parts.join(' · ')}` : '';
}
