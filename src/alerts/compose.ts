// The words of an alert. One talk gets a full embed (status, sides, people, summary, sources);
// several talks found in one poll get one message with a short item per talk, grouped by what
// happened. An update (a change more than a day after the first message) is a short post that
// says what is new and links the first message. Pure: the same items always give the same reply,
// and every reply fits Discord's limits (fitReplyForDiscord adds allowed_mentions parse []).
import type { TalkEvent } from '../domain/types.ts';
import type { Reply, ReplyEmbed } from '../interaction/command.ts';
import type { AlertItem, AlertKind, ShownFacts } from '../store/alerts.ts';
import { escapeMarkdown, truncate } from '../render/markdown.ts';
import {
  formatParticipants,
  formatPlace,
  formatSides,
  formatSourceLinks,
  formatStatus,
  formatTalkDate,
  oneLine,
  sourceLink,
  talkHeading,
} from '../render/talks.ts';

/** At most this many talks in one message: 24 short items always fit in 6000 embed characters. */
export const MAX_EVENTS_PER_POST = 24;
const ITEM_MAX = 220;
const SOURCES_SHOWN = 10;

/** A talk with what happened to it, ready to be written. */
export interface AlertSubject {
  event: TalkEvent;
  kinds: AlertKind[];
  fromStatus: AlertItem['fromStatus'];
}

const COLORS: Record<AlertKind, number> = { held: 0x2e7d32, planned: 0x1565c0, status: 0xef6c00, participants: 0x6a1b9a };
const GROUP_TITLES: Record<AlertKind, string> = {
  held: 'Talks reported as held',
  status: 'Status changes',
  planned: 'Newly planned',
  participants: 'New participants',
};

/** The kind a talk is listed under: a status change outranks the rest, then held, planned, people. */
function leadKind(subject: AlertSubject): AlertKind {
  for (const kind of ['status', 'held', 'planned', 'participants'] as const) if (subject.kinds.includes(kind)) return kind;
  return subject.event.status === 'held' ? 'held' : 'planned';
}

/** "planned → **held**" when the talk changed status, else null. */
function transition(subject: AlertSubject): string | null {
  const from = subject.fromStatus;
  if (!subject.kinds.includes('status') || !from || from === subject.event.status) return null;
  return `${formatStatus(from)} → **${formatStatus(subject.event.status)}**`;
}

function headline(subject: AlertSubject): string {
  switch (leadKind(subject)) {
    case 'held':
      return '🔔 **Talks reported as held**';
    case 'planned':
      return '🔔 **Talks newly planned**';
    case 'status':
      return subject.event.status === 'cancelled'
        ? '🔔 **Talks cancelled**'
        : `🔔 **Status change**: ${transition(subject) ?? formatStatus(subject.event.status)}`;
    case 'participants':
      return '🔔 **New participants in known talks**';
  }
}

/** The message of a first alert, for one talk or several. */
export function composeAlert(subjects: AlertSubject[]): Reply {
  if (subjects.length === 1) return composeSingle(subjects[0]!);
  return composeGroup(subjects.slice(0, MAX_EVENTS_PER_POST));
}

function composeSingle(subject: AlertSubject): Reply {
  const { event } = subject;
  const lines = [
    transition(subject),
    `${formatStatus(event.status)} · ${formatSides(event.sides)}`,
    `📅 ${formatTalkDate(event)} · 📍 ${formatPlace(event.location)}`,
    `👥 ${formatParticipants(event.participants, 12)}`,
    event.summary ? `📝 ${escapeMarkdown(truncate(oneLine(event.summary), 400))}` : null,
    `📰 ${formatSourceLinks(event.sources, SOURCES_SHOWN)}`,
  ].filter((line): line is string => line !== null);
  const embed: ReplyEmbed = {
    title: talkHeading(event),
    description: truncate(lines.join('\n'), 4000),
    color: COLORS[leadKind(subject)],
    footer: 'Parley edits this message as more reports arrive · /event for the full record',
  };
  return { content: headline(subject), embeds: [embed] };
}

function compactItem(subject: AlertSubject): string {
  const { event } = subject;
  const lines = [
    `**${talkHeading(event)}**`,
    [transition(subject) ?? formatStatus(event.status), formatSides(event.sides), `📰 ${formatSourceLinks(event.sources, 1)}`].join(' · '),
  ];
  return truncate(lines.join('\n'), ITEM_MAX);
}

function composeGroup(subjects: AlertSubject[]): Reply {
  const order: AlertKind[] = ['held', 'status', 'planned', 'participants'];
  const embeds: ReplyEmbed[] = [];
  const counts: string[] = [];
  for (const kind of order) {
    const inGroup = subjects.filter((s) => leadKind(s) === kind);
    if (inGroup.length === 0) continue;
    counts.push(`${inGroup.length} ${GROUP_TITLES[kind].toLowerCase()}`);
    embeds.push({
      title: `${GROUP_TITLES[kind]} (${inGroup.length})`,
      description: inGroup.map(compactItem).join('\n\n'),
      color: COLORS[kind],
    });
  }
  embeds[embeds.length - 1]!.footer = 'Parley edits this message as more reports arrive · /event for the full record';
  return { content: `🔔 **${subjects.length} talks** in the latest reports: ${counts.join(' · ')}`, embeds };
}

/** The facts a message shows of a talk, to tell later what is new. */
export function shownFacts(event: TalkEvent): ShownFacts {
  return {
    status: event.status,
    date: event.date,
    dateTo: event.dateTo,
    city: event.location.city,
    country: event.location.country,
    participants: event.participants.map((p) => p.personId).sort((a, b) => a - b),
    sources: [...new Set(event.sources.map((s) => s.articleId))].sort((a, b) => a - b),
  };
}

export function sameFacts(a: ShownFacts | null, b: ShownFacts): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** What the talk has now that `before` did not show, one phrase each; empty when nothing. */
export function newFacts(before: ShownFacts, event: TalkEvent): string[] {
  const now = shownFacts(event);
  const facts: string[] = [];
  if (before.status !== now.status) facts.push(`${formatStatus(before.status)} → **${formatStatus(now.status)}**`);
  if (before.date !== now.date || before.dateTo !== now.dateTo) facts.push(`📅 ${formatTalkDate(event)}`);
  if (before.city !== now.city || before.country !== now.country) facts.push(`📍 ${formatPlace(event.location)}`);
  const known = new Set(before.participants);
  const joined = event.participants.filter((p) => !known.has(p.personId));
  if (joined.length > 0) facts.push(`👥 joined: ${formatParticipants(joined)}`);
  const seen = new Set(before.sources);
  const added = event.sources.filter((s) => !seen.has(s.articleId));
  if (added.length > 0) {
    const links = [...new Map(added.map((s) => [s.articleId, s])).values()].slice(0, 5).map(sourceLink);
    facts.push(`📰 ${added.length} new source${added.length === 1 ? '' : 's'}: ${links.join(' · ')}`);
  }
  return facts;
}

/** A link to a message in a channel (not a mention: Discord shows it as a jump link). */
export function messageLink(guildId: string | null, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}`;
}

/**
 * The short post that follows an alert more than a day old: per talk, what is new since the
 * first message, and a link to it. Null when nothing worth saying is new.
 */
export function composeUpdate(items: Array<{ event: TalkEvent; base: ShownFacts | null }>, link: string): Reply | null {
  const lines: string[] = [];
  for (const { event, base } of items) {
    const facts = base ? newFacts(base, event) : [];
    if (facts.length === 0) continue;
    lines.push(`**${talkHeading(event)}**: ${facts.join(' · ')}`);
  }
  if (lines.length === 0) return null;
  const head = `🔄 **Update** on ${lines.length === 1 ? 'talks alerted earlier' : `${lines.length} talks alerted earlier`} (first alert: ${link})`;
  return { content: truncate([head, ...lines.map((l) => truncate(l, 600))].join('\n'), 2000) };
}
