// How talks, people, quotes and sources read in replies. Shared by every command (and digests) so
// a talk looks the same wherever it appears. Everything that came from an article is escaped here.
import type { CountryCode, EventStatus, Participant, Place, Quote, SourceCitation, TalkEvent } from '../domain/types.ts';
import { countryFlag, countryName } from '../extract/geo/countries.ts';
import { escapeMarkdown, link, truncate } from './markdown.ts';

/** Text from an article on one line: line breaks and runs of spaces become single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "23 Nov 2025" from an ISO day; the input unchanged when it is not one. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return escapeMarkdown(day);
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : escapeMarkdown(day);
}

/** The day or range of a talk, "≈" first when the date is approximate. */
export function formatTalkDate(event: Pick<TalkEvent, 'date' | 'dateTo' | 'approx'>): string {
  if (!event.date) return 'date unknown';
  const approx = event.approx ? '≈ ' : '';
  if (!event.dateTo || event.dateTo === event.date) return `${approx}${formatDay(event.date)}`;
  const [from, to] = [event.date, event.dateTo];
  // Same month: "29–30 Nov 2025"; otherwise both days in full.
  if (from.slice(0, 7) === to.slice(0, 7)) return `${approx}${Number(from.slice(8, 10))}–${formatDay(to)}`;
  return `${approx}${formatDay(from)} – ${formatDay(to)}`;
}

export function formatPlace(place: Place): string {
  const parts = [
    place.city ? escapeMarkdown(oneLine(place.city)) : null,
    place.country ? escapeMarkdown(countryName(place.country)) : null,
  ];
  const text = parts.filter((p): p is string => p !== null).join(', ');
  return text || 'place unknown';
}

/** "🇺🇦 UA" — the flag, when the code has one, then the code. */
export function formatSide(code: CountryCode): string {
  const flag = countryFlag(code);
  const safe = escapeMarkdown(code);
  return flag ? `${flag} ${safe}` : safe;
}

export function formatSides(sides: readonly CountryCode[]): string {
  return sides.length ? sides.map(formatSide).join(' · ') : 'sides unknown';
}

const STATUS_LABELS: Record<EventStatus, string> = {
  held: '✅ held',
  planned: '🗓️ planned',
  proposed: '💬 proposed',
  cancelled: '❌ cancelled',
};

export function formatStatus(status: EventStatus): string {
  return STATUS_LABELS[status] ?? escapeMarkdown(status);
}

/** Names, each with its flag, and "+N more" past `max`. */
export function formatParticipants(participants: readonly Participant[], max = 6): string {
  if (participants.length === 0) return 'participants not named';
  const shown = participants.slice(0, max).map((p) => {
    const name = escapeMarkdown(truncate(oneLine(p.name), 80));
    const flag = p.country ? countryFlag(p.country) : '';
    return flag ? `${name} ${flag}` : name;
  });
  const more = participants.length - shown.length;
  return more > 0 ? `${shown.join(', ')} +${more} more` : shown.join(', ');
}

/** A short label for a source: its site for a web article, its file name for a local one. */
export function sourceLabel(source: Pick<SourceCitation, 'url' | 'file' | 'title'>): string {
  if (source.url) {
    try {
      return new URL(source.url).hostname.replace(/^www\./, '');
    } catch {
      return truncate(source.url, 60);
    }
  }
  return source.file ?? source.title ?? 'unnamed source';
}

/** A link to one source, labelled by its site (or file name). */
export function sourceLink(source: Pick<SourceCitation, 'url' | 'file' | 'title'>): string {
  return link(truncate(sourceLabel(source), 60), source.url);
}

/** "3 sources: [a.org](…) · [b.com](…) +1 more". */
export function formatSourceLinks(sources: readonly SourceCitation[], max = 3): string {
  if (sources.length === 0) return 'no sources';
  const seen = new Set<string>();
  const unique = sources.filter((s) => {
    const key = s.url ?? s.file ?? String(s.articleId);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const shown = unique.slice(0, max).map(sourceLink);
  const more = unique.length - shown.length;
  const count = `${unique.length} source${unique.length === 1 ? '' : 's'}`;
  return `${count}: ${shown.join(' · ')}${more > 0 ? ` +${more} more` : ''}`;
}

const KIND_LABELS: Record<TalkEvent['kind'], string> = { talks: 'Talks', meeting: 'Meeting', call: 'Call', summit: 'Summit' };

/** The one-line heading of a talk: "#12 · 30 Nov 2025 · Miami, United States". */
export function talkHeading(event: TalkEvent): string {
  return `#${event.id} · ${formatTalkDate(event)} · ${formatPlace(event.location)}`;
}

/** The lines under a talk's heading in a list. */
export function talkSummaryLines(event: TalkEvent): string {
  const kind = KIND_LABELS[event.kind] ?? escapeMarkdown(event.kind);
  return [
    `${formatStatus(event.status)} · ${kind} · ${formatSides(event.sides)}`,
    `👥 ${formatParticipants(event.participants)}`,
    event.summary ? `📝 ${escapeMarkdown(truncate(oneLine(event.summary), 160))}` : null,
    `📰 ${formatSourceLinks(event.sources)}`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

/** A talk as an embed field for lists. */
export function talkField(event: TalkEvent): { name: string; value: string } {
  return { name: talkHeading(event), value: talkSummaryLines(event) };
}

/** A quote with its speaker, day and a link to where it was said. */
export function formatQuote(quote: Quote, options: { withSpeaker: boolean; maxLength?: number }): string {
  const words = `“${escapeMarkdown(truncate(oneLine(quote.text), options.maxLength ?? 300))}”`;
  const who = options.withSpeaker ? ` — ${quote.speaker ? escapeMarkdown(oneLine(quote.speaker)) : 'unattributed'}` : '';
  const day = quote.date ? `, ${formatDay(quote.date)}` : '';
  return `${words}${who}${day} (${sourceLink(quote.source)})`;
}

/** "3 hours ago", "in 5 minutes", "never" — for feed health and first/last seen. */
export function formatAgo(instant: string | null, now: Date): string {
  if (!instant) return 'never';
  const then = Date.parse(instant);
  if (Number.isNaN(then)) return escapeMarkdown(instant);
  const seconds = Math.round((now.getTime() - then) / 1000);
  const future = seconds < 0;
  const abs = Math.abs(seconds);
  const [value, unit] =
    abs < 60
      ? [abs, 'second']
      : abs < 3600
        ? [Math.floor(abs / 60), 'minute']
        : abs < 86_400
          ? [Math.floor(abs / 3600), 'hour']
          : [Math.floor(abs / 86_400), 'day'];
  if (abs < 10) return 'just now';
  const text = `${value} ${unit}${value === 1 ? '' : 's'}`;
  return future ? `in ${text}` : `${text} ago`;
}

/** The accent colour of Parley's embeds. */
export const PARLEY_COLOR = 0x3b6ea5;
