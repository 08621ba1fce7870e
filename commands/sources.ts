// /sources: the configured feeds and how their polling is going, plus what the store holds.
import { ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/interaction/command.ts';
import type { FeedHealth } from '../src/domain/types.ts';
import type { FeedConfig } from '../src/config/schema.ts';
import { escapeMarkdown, link, truncate } from '../src/render/markdown.ts';
import { PARLEY_COLOR, formatAgo } from '../src/render/talks.ts';

export default {
  data: {
    name: 'sources',
    description: 'The news feeds Parley reads and their health',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  },
  async execute(_options, ctx) {
    const [stored, counts] = await Promise.all([ctx.store.queries.feedHealth(), ctx.store.queries.counts()]);
    const feeds = withConfiguredFeeds(stored, ctx.config().parley.feeds);
    const now = ctx.now();
    const totals = `${counts.articles} articles · ${counts.events} talks · ${counts.people} people · ${counts.quotes} quotes`;
    if (feeds.length === 0) {
      return { content: `No feeds configured yet: add them under \`feeds:\` in config/parley.yaml. The store holds ${totals}.` };
    }
    // Healthy means polled and fine: a feed never polled yet is not counted as healthy.
    const healthy = feeds.filter((f) => f.enabled && f.consecutiveFailures === 0 && f.lastSuccessAt !== null).length;
    const waiting = feeds.filter((f) => f.enabled && neverPolled(f)).length;
    return {
      embeds: [
        {
          title: 'News sources',
          color: PARLEY_COLOR,
          description: feeds.map((feed) => describeFeed(feed, now)).join('\n\n'),
          footer: `${healthy} of ${feeds.length} feeds healthy${waiting ? `, ${waiting} not polled yet` : ''} · ${totals}`,
        },
      ],
    };
  },
} satisfies Command;

type FeedOverview = Omit<FeedHealth, 'id'>;

/**
 * The stored feeds plus every configured feed the poller has not recorded yet, so /sources
 * shows what parley.yaml lists from the first moment, not only after the first poll.
 */
function withConfiguredFeeds(stored: FeedHealth[], configured: FeedConfig[]): FeedOverview[] {
  const known = new Set(stored.map((feed) => feed.url));
  const unrecorded: FeedOverview[] = configured
    .filter((feed) => !known.has(feed.url))
    .map((feed) => ({
      url: feed.url,
      name: feed.name,
      enabled: feed.enabled,
      lastPolledAt: null,
      lastSuccessAt: null,
      lastError: null,
      lastErrorAt: null,
      consecutiveFailures: 0,
      nextPollAt: null,
      articleCount: 0,
    }));
  return [...stored, ...unrecorded].sort((a, b) => Number(b.enabled) - Number(a.enabled) || a.name.localeCompare(b.name));
}

function neverPolled(feed: FeedOverview): boolean {
  return feed.lastPolledAt === null && feed.lastSuccessAt === null && feed.lastError === null && feed.consecutiveFailures === 0;
}

function describeFeed(feed: FeedOverview, now: Date): string {
  const icon = !feed.enabled
    ? '⏸️'
    : feed.consecutiveFailures === 0
      ? feed.lastSuccessAt
        ? '✅'
        : '⏳'
      : feed.consecutiveFailures >= 3
        ? '🔴'
        : '⚠️';
  const lines = [`${icon} ${link(truncate(feed.name, 100), feed.url)} · ${feed.articleCount} article${feed.articleCount === 1 ? '' : 's'}`];
  if (!feed.enabled) lines.push('disabled');
  else if (neverPolled(feed)) lines.push('not polled yet');
  else
    lines.push(
      `last success ${formatAgo(feed.lastSuccessAt, now)}${feed.nextPollAt ? ` · next poll ${formatAgo(feed.nextPollAt, now)}` : ''}`,
    );
  if (feed.consecutiveFailures > 0 && feed.lastError) {
    lines.push(
      `${feed.consecutiveFailures} failure${feed.consecutiveFailures === 1 ? '' : 's'} in a row, last ${formatAgo(feed.lastErrorAt, now)}: ${escapeMarkdown(truncate(feed.lastError, 200))}`,
    );
  }
  return lines.join('\n');
}
