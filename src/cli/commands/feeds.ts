// `parley feeds [--json]`: the configured feeds and their health.
import type { FeedHealth } from '../../domain/types.ts';
import { withStore } from '../context.ts';
import { println, type CliIo } from '../io.ts';

export async function feedsCommand(options: { json: boolean }, io: CliIo): Promise<number> {
  const health = await withStore(io, async ({ store, config }) => {
    // The table mirrors the config, so a feed added to parley.yaml shows up before its first poll.
    await store.feeds.sync(config.parley.feeds.map(({ url, name, enabled, pollMinutes }) => ({ url, name, enabled, pollMinutes })));
    return store.feeds.health();
  });
  if (options.json) println(io.stdout, JSON.stringify(health, null, 2));
  else println(io.stdout, formatFeedHealthTable(health));
  return 0;
}

export function formatFeedHealthTable(feeds: FeedHealth[]): string {
  if (feeds.length === 0) return 'no feeds configured (add them under feeds: in parley.yaml)';
  const header = ['feed', 'status', 'last success', 'last error', 'failures', 'next poll', 'articles'];
  const rows = feeds.map((feed) => [
    `${feed.name} <${feed.url}>`,
    feedStatus(feed),
    formatInstant(feed.lastSuccessAt),
    feed.lastError ? `${formatInstant(feed.lastErrorAt)} ${oneLine(feed.lastError, 60)}` : '-',
    String(feed.consecutiveFailures),
    formatInstant(feed.nextPollAt),
    String(feed.articleCount),
  ]);
  return renderTable(header, rows);
}

function feedStatus(feed: FeedHealth): string {
  if (!feed.enabled) return 'disabled';
  if (feed.lastPolledAt === null) return 'not polled yet';
  if (feed.consecutiveFailures > 0) return 'failing';
  return 'ok';
}

/** `2026-11-21 08:00Z`: minutes are precise enough for a health table. */
function formatInstant(instant: string | null): string {
  if (!instant) return '-';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
