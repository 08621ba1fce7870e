// What one subscription's digest holds at a given instant: the store's changes since the
// subscription's last delivered digest, composed into a reply. Shared by the scheduler and by
// /digest preview, so a preview shows exactly what would be posted.
import type { Store } from '../store/store.ts';
import type { Subscription } from '../store/digests.ts';
import type { LoadedConfig } from '../config/schema.ts';
import type { Reply } from '../interaction/command.ts';
import { composeDigest } from './compose.ts';

// Quotes are ranked for notability after loading, so load more than are shown.
const QUOTE_CANDIDATES = 50;

export async function composeSubscriptionDigest(
  store: Store,
  config: LoadedConfig,
  subscription: Pick<Subscription, 'filters' | 'since' | 'timeZone' | 'notifyEmpty'> & { channelId?: string },
  until: Date,
  options: { notifyEmpty?: boolean } = {},
): Promise<Reply | null> {
  const maxItems = config.parley.digests.maxItems;
  const changes = await store.digests.changesSince(subscription.filters, subscription.since, until.toISOString(), {
    events: maxItems,
    quotes: QUOTE_CANDIDATES,
  });
  // The talks this channel already heard of as alerts are marked, so the digest does not read as news twice.
  const alerted = subscription.channelId ? await store.alerts.alertedIn(subscription.channelId, changes.events.map((c) => c.event.id)) : undefined;
  return composeDigest(changes, {
    ...(alerted ? { alerted } : {}),
    since: new Date(subscription.since),
    until,
    timeZone: subscription.timeZone,
    filters: subscription.filters,
    maxItems,
    notifyEmpty: options.notifyEmpty ?? subscription.notifyEmpty,
  });
}
