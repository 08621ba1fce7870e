// Alerts end to end: a real store fed by the real pipeline (text articles ingested, extracted and
// merged), the real dispatcher on a clock the test moves, and the bot's Discord poster pointed at
// the fake Discord through the shared delivery queue.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { REST } from 'discord.js';
import { ingest } from '../../src/ingest/ingest.ts';
import { extractAndMerge } from '../../src/merge/process.ts';
import { logger } from '../../src/log.ts';
import { DeliveryQueue, type ChannelPoster } from '../../src/digest/delivery.ts';
import { startAlertDispatcher, type AlertDispatcher, type AlertDispatcherOptions } from '../../src/alerts/dispatcher.ts';
import type { AlertKind, AlertSubscription } from '../../src/store/alerts.ts';
import type { DigestFilters } from '../../src/store/digests.ts';
import type { App } from '../../src/app.ts';
import { openTempStore, type TempStore } from './tempStore.ts';
import { digestApp, fakeDiscordPoster, TestClock, TestConfigSource } from './digestApp.ts';
import { startFakeDiscord, type FakeDiscord } from './fakeDiscord/index.ts';
import { nextSnowflake } from './fakeDiscord/snowflake.ts';

export class AlertHarness {
  private constructor(
    readonly temp: TempStore,
    readonly fake: FakeDiscord,
    readonly clock: TestClock,
    readonly config: TestConfigSource,
    readonly app: App,
    readonly queue: DeliveryQueue,
    readonly rest: REST,
    readonly poster: ChannelPoster,
    private readonly articles: string,
    private dispatcher: AlertDispatcher | null = null,
  ) {}

  static async start(parley: Record<string, unknown> = {}, fake?: FakeDiscord): Promise<AlertHarness> {
    const temp = await openTempStore();
    const articles = await mkdtemp(join(tmpdir(), 'parley-alert-articles-'));
    const theFake = fake ?? (await startFakeDiscord());
    const clock = new TestClock(new Date());
    const config = new TestConfigSource(parley);
    const app = digestApp(temp.store, clock, config);
    const { poster, rest } = fakeDiscordPoster(theFake.apiUrl, theFake.token);
    const queue = new DeliveryQueue({ poster, logger, backoffBaseMs: 10, backoffMaxMs: 50, maxAttempts: 2 });
    return new AlertHarness(temp, theFake, clock, config, app, queue, rest, poster, articles);
  }

  get store() {
    return this.temp.store;
  }

  /** A channel of the fake guild ('talks' or 'digests'), or a new one added to it. */
  channel(index: number): string {
    const channels = this.fake.guild.channels;
    while (channels.length <= index)
      channels.push({ id: nextSnowflake(), name: `alerts-${channels.length}`, type: 0, guildId: this.fake.guild.id });
    return channels[index]!.id;
  }

  async subscribe(channelId: string, options: { kinds?: AlertKind[]; filters?: DigestFilters } = {}): Promise<AlertSubscription> {
    const result = await this.store.alerts.addSubscription({
      guildId: this.fake.guild.id,
      channelId,
      filters: options.filters ?? {},
      kinds: options.kinds ?? ['held', 'planned', 'status', 'participants'],
      createdBy: null,
      createdAt: this.clock.now().toISOString(),
    });
    return result.subscription;
  }

  /** Ingests text articles as one poll would: each stored, extracted and merged in turn. */
  async ingest(...texts: Array<{ name: string; text: string }>): Promise<void> {
    const paths: string[] = [];
    for (const { name, text } of texts) {
      const path = join(this.articles, name);
      await writeFile(path, text);
      paths.push(path);
    }
    const config = this.config.current();
    const summary = await ingest(paths, {
      store: this.store,
      config,
      logger,
      afterStore: (article) => extractAndMerge(this.store, article, config),
    });
    if (summary.ingested !== texts.length)
      throw new Error(`ingested ${summary.ingested} of ${texts.length}: ${JSON.stringify(summary.failed)}`);
  }

  startDispatcher(options: AlertDispatcherOptions = {}): AlertDispatcher {
    this.dispatcher = startAlertDispatcher(this.app, this.queue, this.poster, { tick: 'manual', ...options });
    return this.dispatcher;
  }

  /** One dispatcher check that routes at once (as a check after a quiet one does). */
  async check() {
    if (!this.dispatcher) this.startDispatcher();
    await this.dispatcher!.ready;
    return this.dispatcher!.check({ gather: false });
  }

  posts(channelId: string) {
    return this.fake.requestsTo('POST /channels/:channelId/messages').filter((r) => r.path === `/channels/${channelId}/messages`);
  }

  edits(channelId: string) {
    return this.fake
      .requestsTo('PATCH /channels/:channelId/messages/:messageId')
      .filter((r) => r.path.startsWith(`/channels/${channelId}/messages/`));
  }

  async close(options: { keepFake?: boolean } = {}): Promise<void> {
    await this.dispatcher?.stop();
    this.queue.close();
    await this.queue.idle();
    this.rest.clearHashSweeper();
    this.rest.clearHandlerSweeper();
    await this.temp.cleanup();
    await rm(this.articles, { recursive: true, force: true });
    if (!options.keepFake) await this.fake.close();
  }
}

/** A short news article, in this project's own words. */
export function article(input: { published: string; headline: string; body: string }): string {
  return ` date ${input.published}\n${input.headline}\n\n${input.body}\n`;
}
