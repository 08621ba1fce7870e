// Alerts over the real pipeline and the fake Discord: one event, one message (later articles edit
// it; past a day a short post links it), status changes, a burst grouped under the hourly limit,
// a channel that refuses posts, and mentions that can never ping.
import { afterEach, describe, expect, it } from 'vitest';
import { AlertHarness, article } from './support/alertHarness.ts';
import { fail } from './support/fakeDiscord/index.ts';
import { composeSubscriptionDigest } from '../src/digest/contents.ts';
import { extractPending } from '../src/merge/process.ts';

let h: AlertHarness;
afterEach(async () => {
  await h?.close();
});

const ANKARA_HELD = {
  name: 'ankara-1.txt',
  text: article({
    published: '2026-11-09',
    headline: 'Ukraine and Turkey hold talks in Ankara',
    body: 'Ukrainian Foreign Minister Andrii Sybiha and Turkish Foreign Minister Hakan Fidan held talks in Ankara on Monday, the Ukrainian ministry said. The two ministers discussed grain shipments across the Black Sea.',
  }),
};
const ANKARA_SECOND = {
  name: 'ankara-2.txt',
  text: article({
    published: '2026-11-10',
    headline: 'Ankara meeting on Black Sea shipping',
    body: 'Turkish and Ukrainian officials met in Ankara on Monday to discuss Black Sea shipping, Turkish media reported. Deputy minister Serhiy Kyslytsya also took part in the talks in Ankara.',
  }),
};

function embedsText(message: { content: string; embeds: unknown[] }): string {
  return `${message.content}\n${JSON.stringify(message.embeds)}`;
}

describe('alerts', { timeout: 60_000 }, () => {
  it('a held talk is posted once; a second article about it edits that message', async () => {
    h = await AlertHarness.start();
    const channel = h.channel(1);
    await h.subscribe(channel);

    await h.ingest(ANKARA_HELD);
    expect(await h.check()).toMatchObject({ posted: 1, edited: 0 });
    const [posted] = h.fake.messages(channel);
    expect(h.fake.messages(channel)).toHaveLength(1);
    expect(posted!.content).toContain('Talks reported as held');
    expect(embedsText(posted!)).toContain('Ankara');
    expect(embedsText(posted!)).toContain('1 source');
    expect(posted!.allowedMentions).toEqual({ parse: [] });

    // Nothing new: nothing sent.
    expect(await h.check()).toMatchObject({ posted: 0, edited: 0 });

    await h.ingest(ANKARA_SECOND);
    expect(await h.check()).toMatchObject({ posted: 0, edited: 1 });
    expect(h.posts(channel)).toHaveLength(1);
    expect(h.edits(channel)).toHaveLength(1);
    const [edited] = h.fake.messages(channel);
    expect(edited!.id).toBe(posted!.id);
    expect(edited!.editedAt).toBeDefined();
    expect(embedsText(edited!)).toContain('2 sources');
    expect(embedsText(edited!)).toContain('Kyslytsya');
    expect(edited!.allowedMentions).toEqual({ parse: [] });
    expect(edited!.pings).toEqual({ everyone: false, users: [], roles: [] });
  });

  it('re-extracting the articles, or rebuilding the whole timeline, alerts and edits nothing', async () => {
    h = await AlertHarness.start();
    const channel = h.channel(1);
    await h.subscribe(channel);
    await h.ingest(ANKARA_HELD, ANKARA_SECOND);
    expect(await h.check()).toMatchObject({ posted: 1 });

    await h.store.articles.resetExtraction();
    await extractPending(h.store, h.config.current());
    expect(await h.check()).toMatchObject({ posted: 0, edited: 0, updates: 0 });

    // What parley reextract does: the timeline rebuilt from scratch, events made anew.
    await h.store.articles.resetExtraction();
    await h.store.timeline.clear();
    await extractPending(h.store, h.config.current());
    expect((await h.store.timeline.exportAll()).events.length).toBeGreaterThan(0);
    expect(await h.check()).toMatchObject({ posted: 0, edited: 0, updates: 0 });
    expect(h.posts(channel)).toHaveLength(1);
    expect(h.edits(channel)).toHaveLength(0);

    // News after the rebuild is alerted as usual.
    await h.ingest({
      name: 'riga.txt',
      text: article({
        published: '2026-11-12',
        headline: 'Talks in Riga',
        body: 'Latvian and Ukrainian officials held talks in Riga on Wednesday about air defence, the Latvian government said.',
      }),
    });
    expect(await h.check()).toMatchObject({ posted: 1 });
    expect(JSON.stringify(h.fake.messages(channel)[1]!.embeds)).toContain('Riga');
  });

  it('a change more than a day after the alert is a short new post linking the first', async () => {
    h = await AlertHarness.start();
    const channel = h.channel(1);
    await h.subscribe(channel);
    await h.ingest(ANKARA_HELD);
    await h.check();
    const [first] = h.fake.messages(channel);

    h.clock.set(new Date(Date.now() + 25 * 3600_000).toISOString());
    await h.ingest(ANKARA_SECOND);
    expect(await h.check()).toMatchObject({ posted: 0, edited: 0, updates: 1 });
    expect(h.edits(channel)).toHaveLength(0);
    const messages = h.fake.messages(channel);
    expect(messages).toHaveLength(2);
    expect(messages[1]!.content).toContain('Update');
    expect(messages[1]!.content).toContain(`https://discord.com/channels/${h.fake.guild.id}/${channel}/${first!.id}`);
    expect(messages[1]!.content).toMatch(/1 new source/);
    expect(messages[1]!.content).toContain('Kyslytsya');
    expect(messages[1]!.content.length).toBeLessThanOrEqual(2000);
  });

  it('a status change: a channel that wants only status changes hears of planned talks once they are held', async () => {
    h = await AlertHarness.start();
    const statusOnly = h.channel(1);
    const everything = h.channel(2);
    await h.subscribe(statusOnly, { kinds: ['status'] });
    await h.subscribe(everything);

    await h.ingest({
      name: 'vienna-plan.txt',
      text: article({
        published: '2026-11-02',
        headline: 'Iran and Oman to meet in Vienna',
        body: 'Iranian and Omani officials will hold talks in Vienna on Friday about shipping in the Gulf, diplomats said.',
      }),
    });
    await h.check();
    expect(h.fake.messages(statusOnly)).toHaveLength(0);
    expect(h.fake.messages(everything)).toHaveLength(1);
    expect(h.fake.messages(everything)[0]!.content).toContain('newly planned');

    await h.ingest({
      name: 'vienna-held.txt',
      text: article({
        published: '2026-11-07',
        headline: 'Vienna talks on Gulf shipping held',
        body: 'Iranian and Omani officials held talks in Vienna on Friday about shipping in the Gulf, diplomats said.',
      }),
    });
    await h.check();
    const [alert] = h.fake.messages(statusOnly);
    expect(h.fake.messages(statusOnly)).toHaveLength(1);
    expect(alert!.content).toMatch(/Status change.*planned.*held/);
    // The channel that was told of the plan has its message edited, not a second one.
    expect(h.fake.messages(everything)).toHaveLength(1);
    expect(h.edits(everything)).toHaveLength(1);
    expect(embedsText(h.fake.messages(everything)[0]!)).toContain('held');
  });

  it('a burst of 30 new talks in one poll is grouped, and the hourly limit holds', async () => {
    h = await AlertHarness.start({ alerts: { maxPostsPerHour: 1 } });
    const channel = h.channel(1);
    await h.subscribe(channel);
    const cities = [
      'Geneva',
      'Vienna',
      'Paris',
      'Berlin',
      'Rome',
      'Madrid',
      'Lisbon',
      'Warsaw',
      'Prague',
      'Budapest',
      'Oslo',
      'Stockholm',
      'Helsinki',
      'Copenhagen',
      'Dublin',
      'Brussels',
      'Amsterdam',
      'Athens',
      'Cairo',
      'Doha',
      'Riyadh',
      'Baku',
      'Tbilisi',
      'Yerevan',
      'Tashkent',
      'Bucharest',
      'Sofia',
      'Belgrade',
      'Zagreb',
      'Vilnius',
    ];
    await h.ingest(
      ...cities.map((city, i) => ({
        name: `burst-${i}.txt`,
        text: article({
          published: `2026-10-${String(i + 1).padStart(2, '0')}`,
          headline: `Talks in ${city}`,
          body: `Ukrainian and Polish officials held talks in ${city} on ${new Date(Date.UTC(2026, 9, i + 1)).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' })}, the foreign ministry said.`,
        }),
      })),
    );
    const events = await h.store.timeline.exportAll();
    expect(events.events).toHaveLength(30);

    expect(await h.check()).toMatchObject({ posted: 1 });
    const [grouped] = h.fake.messages(channel);
    expect(grouped!.content).toMatch(/24 talks/);
    expect(grouped!.embeds.length).toBeLessThanOrEqual(10);

    // The other six wait: the channel had its one post this hour.
    expect(await h.check()).toMatchObject({ posted: 0, heldBack: 1 });
    expect(h.fake.messages(channel)).toHaveLength(1);

    h.clock.set(new Date(Date.now() + 61 * 60_000).toISOString());
    expect(await h.check()).toMatchObject({ posted: 1 });
    const messages = h.fake.messages(channel);
    expect(messages).toHaveLength(2);
    expect(messages[1]!.content).toMatch(/6 talks/);
    const shown = messages.map(embedsText).join('\n');
    for (const city of cities) expect(shown).toContain(city);
  });

  it('the digest says which of its talks the channel was already alerted about', async () => {
    h = await AlertHarness.start();
    const alerted = h.channel(1);
    const quiet = h.channel(2);
    await h.subscribe(alerted);
    const since = new Date(Date.now() - 3600_000).toISOString();
    await h.ingest(ANKARA_HELD);
    await h.check();
    const digestOf = (channelId: string) =>
      composeSubscriptionDigest(
        h.store,
        h.config.current(),
        { channelId, filters: {}, since, timeZone: 'UTC', notifyEmpty: false },
        new Date(Date.now() + 60_000),
      );
    const here = (await digestOf(alerted))!;
    expect(here.content).toContain('All of these talks were already alerted here');
    expect(here.embeds![0]!.description).toContain('🔔 alerted');
    const elsewhere = (await digestOf(quiet))!;
    expect(elsewhere.content).not.toContain('alerted');
    expect(elsewhere.embeds![0]!.description).not.toContain('🔔');
  });

  it('syncs the alert subscriptions declared in config on start and on reload', async () => {
    h = await AlertHarness.start();
    const channel = h.channel(1);
    h.config.reload({ alerts: { subscriptions: [{ channelId: channel, guildId: h.fake.guild.id, side: 'UA', kinds: ['held'] }] } });
    h.startDispatcher();
    await h.check();
    expect(await h.store.alerts.listSubscriptions()).toMatchObject([
      { channelId: channel, origin: 'config', filters: { side: 'UA' }, kinds: ['held'] },
    ]);
    await h.ingest(ANKARA_HELD);
    await h.check();
    expect(h.fake.messages(channel)).toHaveLength(1);

    h.config.reload({ alerts: { subscriptions: [] } });
    await h.check();
    expect(await h.store.alerts.listSubscriptions()).toEqual([]);
  });

  it('a channel that answers 403 is disabled after its failures; the others are unaffected', async () => {
    h = await AlertHarness.start();
    const forbidden = h.channel(1);
    const healthy = h.channel(2);
    const lost = await h.subscribe(forbidden);
    await h.subscribe(healthy);
    h.fake.failNext(`POST /channels/${forbidden}/messages`, fail.forbidden(), 10);

    await h.ingest(ANKARA_HELD);
    for (let i = 0; i < 4; i++) await h.check();
    expect(h.posts(forbidden)).toHaveLength(3);
    expect(h.fake.messages(forbidden)).toHaveLength(0);
    const after = await h.store.alerts.getSubscription(lost.id);
    expect(after).toMatchObject({ enabled: false, consecutiveFailures: 3 });
    expect(after!.disabledReason).toMatch(/403/);
    expect(h.fake.messages(healthy)).toHaveLength(1);

    // Later news still reaches the healthy channel; the disabled one is left alone.
    await h.ingest(ANKARA_SECOND);
    await h.check();
    expect(h.posts(forbidden)).toHaveLength(3);
    expect(h.edits(healthy)).toHaveLength(1);
  });
});
