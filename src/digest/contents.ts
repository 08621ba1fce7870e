// What one subscription's digest holds at a given instant: the store's changes since the
// subscription's last delivered digest, composed into a reply. Shared by the scheduler and by
// /digest preview, so a preview shows exactly what would be posted.
import type { Store } from '../store/store.ts';
import type { Subscription } from '../store/digests.ts';
import type { LoadedConfig } from '../config/schema.ts';
import type { Reply } from '../interaction/command.ts';
import { logger } from '../log.ts';
import { escapeMarkdown, truncate } from '../render/markdown.ts';
import { markdownToPlain } from '../render/text.ts';
import { composeDigest, EMBED_BUDGET } from './compose.ts';

// Quotes are ranked for notability after loading, so load more than are shown.
const QUOTE_CANDIDATES = 50;
/** Embed characters kept free for the picture's embed (its title and the first line of its description). */
const PICTURE_EMBED_RESERVE = 600;

export async function composeSubscriptionDigest(
  store: Store,
  config: LoadedConfig,
  subscription: Pick<Subscription, 'filters' | 'since' | 'timeZone' | 'notifyEmpty'> & { channelId?: string; picture?: boolean },
  until: Date,
  options: { notifyEmpty?: boolean } = {},
): Promise<Reply | null> {
  const maxItems = config.parley.digests.maxItems;
  const changes = await store.digests.changesSince(subscription.filters, subscription.since, until.toISOString(), {
    events: maxItems,
    quotes: QUOTE_CANDIDATES,
  });
  // The talks this channel already heard of as alerts are marked, so the digest does not read as news twice.
  const alerted = subscription.channelId
    ? await store.alerts.alertedIn(
        subscription.channelId,
        changes.events.map((c) => c.event.id),
      )
    : undefined;
  const reply = composeDigest(changes, {
    ...(alerted ? { alerted } : {}),
    ...(subscription.picture ? { embedBudget: EMBED_BUDGET - PICTURE_EMBED_RESERVE } : {}),
    since: new Date(subscription.since),
    until,
    timeZone: subscription.timeZone,
    filters: subscription.filters,
    maxItems,
    notifyEmpty: options.notifyEmpty ?? subscription.notifyEmpty,
  });
  if (!reply || !subscription.picture) return reply;
  return withTimelinePicture(reply, store, subscription, until);
}

/**
 * The digest with the timeline picture of its side and person attached (the last 60 days and
 * what is planned), in an embed of its own. A picture that cannot be drawn (nothing in range, a
 * person no longer known, a rendering failure) leaves the digest as it was: the text comes first.
 */
async function withTimelinePicture(
  reply: Reply,
  store: Store,
  subscription: Pick<Subscription, 'filters' | 'timeZone'>,
  until: Date,
): Promise<Reply> {
  try {
    const { drawTimeline, TIMELINE_FILE_NAME } = await import('../timeline/picture.ts');
    const person = subscription.filters.person ? await store.queries.findPerson(subscription.filters.person) : null;
    if (subscription.filters.person && !person) return reply;
    const answer = await drawTimeline(
      { ...(subscription.filters.side ? { side: subscription.filters.side } : {}), ...(person ? { person } : {}) },
      { store, now: until, timeZone: subscription.timeZone },
    );
    if (answer.kind === 'empty') return reply;
    const [firstLine] = answer.description.split('\n');
    return {
      ...reply,
      embeds: [
        ...(reply.embeds ?? []),
        { title: escapeMarkdown(answer.title), description: truncate(firstLine ?? '', 400), image: TIMELINE_FILE_NAME },
      ],
      files: [
        ...(reply.files ?? []),
        { name: TIMELINE_FILE_NAME, data: answer.png.data, description: markdownToPlain(answer.description) },
      ],
    };
  } catch (error) {
    logger.warn({ err: error }, 'could not draw the timeline picture for a digest; sending it without');
    return reply;
  }
}
