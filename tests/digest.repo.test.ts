import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { DigestTimeline } from './support/digestTimeline.ts';
import type { NewSubscription } from '../src/store/digests.ts';
import { foldForKeywordMatch, keywordTerms, matchesKeywords } from '../src/store/sqlite/digests.ts';

const T0 = '2026-11-20T06:00:00.000Z';
const T1 = '2026-11-21T06:00:00.000Z';
const CHANNEL = '300000000000000003';

function newSubscription(over: Partial<NewSubscription> = {}): NewSubscription {
  return {
    guildId: '200000000000000002',
    channelId: CHANNEL,
    cron: '0 8 * * *',
    scheduleLabel: 'daily 08:00',
    timeZone: 'Europe/Kyiv',
    filters: {},
    notifyEmpty: false,
    createdBy: '100000000000000001',
    createdAt: '2026-11-19T12:00:00.000Z',
    since: T0,
    ...over,
  };
}

let temp: TempStore;
let timeline: DigestTimeline;

beforeEach(async () => {
  temp = await openTempStore();
  timeline = new DigestTimeline(temp.path);
});
afterEach(async () => {
  timeline.close();
  await temp.cleanup();
});

describe('subscriptions', () => {
  it('adds a subscription and finds the same one again instead of a duplicate', async () => {
    const first = await temp.store.digests.addSubscription(newSubscription({ filters: { side: 'ua' } }));
    expect(first.status).toBe('added');
    const again = await temp.store.digests.addSubscription(newSubscription({ filters: { side: 'UA' } }));
    expect(again).toMatchObject({ status: 'exists', reenabled: false });
    expect(again.subscription.id).toBe(first.subscription.id);
    expect(await temp.store.digests.countSubscriptions()).toBe(1);
    expect((await temp.store.digests.listSubscriptions({ channelId: CHANNEL }))[0]!.filters).toEqual({ side: 'UA' });
  });

  it('disables a subscription after three channel failures in a row and re-enables it on subscribe', async () => {
    const { subscription } = await temp.store.digests.addSubscription(newSubscription());
    for (let i = 0; i < 3; i++) {
      const { run } = await temp.store.digests.recordRun(subscription.id, `2026-11-2${i}T06:00:00.000Z`, `n${i}`, T1, T1);
      const after = await temp.store.digests.markRunFailed(run.id, 'Missing Permissions', T1, { channelFault: true, disableAfter: 3 });
      expect(after!.enabled).toBe(i < 2);
    }
    const disabled = (await temp.store.digests.getSubscription(subscription.id))!;
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'Missing Permissions', consecutiveFailures: 3 });
    const again = await temp.store.digests.addSubscription(newSubscription());
    expect(again).toMatchObject({ status: 'exists', reenabled: true });
    expect(again.subscription).toMatchObject({ enabled: true, consecutiveFailures: 0 });
  });

  it('a transient failure is noted but never counts towards disabling', async () => {
    const { subscription } = await temp.store.digests.addSubscription(newSubscription());
    for (let i = 0; i < 5; i++) {
      const { run } = await temp.store.digests.recordRun(subscription.id, `2026-11-2${i}T06:00:00.000Z`, `n${i}`, T1, T1);
      await temp.store.digests.markRunFailed(run.id, '503', T1, { channelFault: false, disableAfter: 3 });
    }
    expect(await temp.store.digests.getSubscription(subscription.id)).toMatchObject({
      enabled: true,
      consecutiveFailures: 0,
      lastError: '503',
    });
  });

  it('syncs configured subscriptions: adds, updates in place, removes, and leaves command ones alone', async () => {
    await temp.store.digests.addSubscription(newSubscription());
    const definition = {
      guildId: null,
      channelId: '400000000000000004',
      cron: '0 9 * * 1',
      scheduleLabel: 'weekly Monday 09:00',
      timeZone: 'UTC',
      filters: {},
      notifyEmpty: false,
    };
    expect(await temp.store.digests.syncConfigSubscriptions([definition], T1, () => T0)).toEqual({ added: 1, updated: 0, removed: 0 });
    expect(await temp.store.digests.syncConfigSubscriptions([definition], T1, () => T0)).toEqual({ added: 0, updated: 0, removed: 0 });
    expect(await temp.store.digests.syncConfigSubscriptions([{ ...definition, timeZone: 'Europe/Kyiv' }], T1, () => T0)).toEqual({
      added: 0,
      updated: 1,
      removed: 0,
    });
    const configured = (await temp.store.digests.listSubscriptions()).find((s) => s.origin === 'config')!;
    expect(configured).toMatchObject({ timeZone: 'Europe/Kyiv', since: T0 });
    expect(await temp.store.digests.syncConfigSubscriptions([], T1, () => T0)).toEqual({ added: 0, updated: 0, removed: 1 });
    expect(await temp.store.digests.countSubscriptions()).toBe(1);
  });
});

describe('digest runs', () => {
  it('records one run per slot; recording it again returns the first run unchanged', async () => {
    const { subscription } = await temp.store.digests.addSubscription(newSubscription());
    const first = await temp.store.digests.recordRun(subscription.id, T1, 'nonce-a', T1, T1);
    const second = await temp.store.digests.recordRun(subscription.id, T1, 'nonce-b', '2026-11-21T07:00:00.000Z', T1);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.run).toMatchObject({ id: first.run.id, nonce: 'nonce-a', until: T1, status: 'recorded' });
    expect((await temp.store.digests.pendingRuns()).map((r) => r.id)).toEqual([first.run.id]);
  });

  it('moves the since mark only when the run is marked sent', async () => {
    const { subscription } = await temp.store.digests.addSubscription(newSubscription());
    const { run } = await temp.store.digests.recordRun(subscription.id, T1, 'n', T1, T1);
    await temp.store.digests.markRunEmpty(run.id, T1);
    expect((await temp.store.digests.getSubscription(subscription.id))!.since).toBe(T0);
    const next = await temp.store.digests.recordRun(subscription.id, '2026-11-22T06:00:00.000Z', 'm', '2026-11-22T06:00:00.000Z', T1);
    await temp.store.digests.markRunSent(next.run.id, '999', '2026-11-22T06:00:01.000Z');
    expect((await temp.store.digests.getSubscription(subscription.id))!.since).toBe('2026-11-22T06:00:00.000Z');
    expect(await temp.store.digests.pendingRuns()).toEqual([]);
    expect((await temp.store.digests.latestSlots()).get(subscription.id)).toBe('2026-11-22T06:00:00.000Z');
  });
});

describe('changes since the last digest', () => {
  const limits = { events: 10, quotes: 10 };

  function seed() {
    const oldArticle = timeline.article({ url: 'https://news.example/old', title: 'Old', fetchedAt: '2026-11-19T10:00:00.000Z' });
    const newArticle = timeline.article({ url: 'https://news.example/new', title: 'New', fetchedAt: '2026-11-20T10:00:00.000Z' });
    const envoy = timeline.person('Andrii Sybiha', 'UA', '2026-11-19T10:00:00.000Z', ['Andriy Sybiha']);
    const other = timeline.person('Hakan Fidan', 'TR', '2026-11-19T10:00:00.000Z');
    const beforeWindow = timeline.event({
      status: 'held',
      date: '2026-11-18',
      city: 'Ankara',
      country: 'TR',
      sides: ['TR', 'UA'],
      participants: [envoy, other],
      sources: [{ article: oldArticle, evidence: 'They met in Ankara.' }],
      summary: 'Talks in Ankara',
      at: '2026-11-19T10:00:00.000Z',
    });
    const plannedEarlier = timeline.event({
      status: 'planned',
      date: '2026-11-24',
      city: 'Geneva',
      country: 'CH',
      sides: ['UA', 'US'],
      participants: [envoy],
      sources: [{ article: oldArticle, evidence: 'Talks are planned in Geneva.' }],
      summary: 'Planned Geneva round',
      at: '2026-11-19T11:00:00.000Z',
    });
    timeline.changeStatus(plannedEarlier, 'held', '2026-11-20T12:00:00.000Z');
    const newHeld = timeline.event({
      status: 'held',
      date: '2026-11-20',
      city: 'Riyadh',
      country: 'SA',
      sides: ['UA', 'SA'],
      participants: [envoy],
      sources: [{ article: newArticle, evidence: 'Delegations met in Riyadh on energy.' }],
      summary: 'Energy talks in Riyadh',
      at: '2026-11-20T10:05:00.000Z',
    });
    const newPlanned = timeline.event({
      status: 'planned',
      date: '2026-12-01',
      city: 'Istanbul',
      country: 'TR',
      sides: ['TR', 'RU'],
      participants: [other],
      sources: [{ article: newArticle, evidence: 'A meeting is planned in Istanbul.' }],
      summary: 'Istanbul meeting planned',
      at: '2026-11-20T10:06:00.000Z',
    });
    timeline.touch(beforeWindow, '2026-11-20T13:00:00.000Z');
    const afterWindow = timeline.event({
      status: 'held',
      date: '2026-11-21',
      sides: ['UA'],
      sources: [{ article: newArticle, evidence: 'Later.' }],
      summary: 'After the window',
      at: '2026-11-21T07:00:00.000Z',
    });
    timeline.quote({ article: oldArticle, personId: envoy, speaker: 'Andrii Sybiha', text: 'An old quote.', date: '2026-11-18' });
    timeline.quote({
      article: newArticle,
      personId: envoy,
      speaker: 'Andrii Sybiha',
      text: 'We are ready to talk about energy security in Riyadh.',
      date: '2026-11-20',
    });
    timeline.quote({
      article: newArticle,
      personId: other,
      speaker: 'Hakan Fidan',
      text: 'Istanbul is ready to host.',
      date: '2026-11-20',
    });
    return { beforeWindow, plannedEarlier, newHeld, newPlanned, afterWindow };
  }

  it('finds talks newly held, newly planned and status changes in the window, newest first', async () => {
    const ids = seed();
    const changes = await temp.store.digests.changesSince({}, T0, T1, limits);
    expect(changes.events.map((c) => [c.event.id, c.kind, c.previousStatus])).toEqual([
      [ids.newPlanned, 'planned', null],
      [ids.plannedEarlier, 'status-changed', 'planned'],
      [ids.newHeld, 'held', null],
    ]);
    expect(changes.totalEvents).toBe(3);
    const held = changes.events.find((c) => c.kind === 'held')!.event;
    // Sides in the order the merge stage gave them, as /latest-talks shows the same talk.
    expect(held.sides).toEqual(['UA', 'SA']);
    expect(held.participants.map((p) => p.name)).toEqual(['Andrii Sybiha']);
    expect(held.sources[0]).toMatchObject({ url: 'https://news.example/new', evidence: 'Delegations met in Riyadh on energy.' });
    expect(changes.quotes.map((q) => q.text).sort()).toEqual([
      'Istanbul is ready to host.',
      'We are ready to talk about energy security in Riyadh.',
    ]);
  });

  it('a status change written before the event’s updated_at moves is dated by updated_at', async () => {
    const article = timeline.article({ url: 'https://news.example/a', fetchedAt: '2026-11-19T10:00:00.000Z' });
    const id = timeline.event({
      status: 'planned',
      date: '2026-11-24',
      sides: ['UA'],
      sources: [{ article, evidence: 'e' }],
      summary: 's',
      at: '2026-11-19T10:00:00.000Z',
    });
    timeline.changeStatusInTwoSteps(id, 'held', '2026-11-20T10:00:00.000Z');
    const changes = await temp.store.digests.changesSince({}, T0, T1, limits);
    expect(changes.events.map((c) => [c.event.id, c.kind, c.previousStatus])).toEqual([[id, 'status-changed', 'planned']]);
    expect((await temp.store.digests.changesSince({}, T1, '2026-11-22T06:00:00.000Z', limits)).events).toEqual([]);
  });

  it('an event that changed status and back within the window is not a change', async () => {
    const article = timeline.article({ url: 'https://news.example/a', fetchedAt: '2026-11-19T10:00:00.000Z' });
    const id = timeline.event({
      status: 'planned',
      date: '2026-11-24',
      sides: ['UA'],
      sources: [{ article, evidence: 'e' }],
      summary: 's',
      at: '2026-11-19T10:00:00.000Z',
    });
    timeline.changeStatus(id, 'held', '2026-11-20T10:00:00.000Z');
    timeline.changeStatus(id, 'planned', '2026-11-20T11:00:00.000Z');
    expect((await temp.store.digests.changesSince({}, T0, T1, limits)).events).toEqual([]);
  });

  it('filters by side, by person under any spelling, and by keywords', async () => {
    const ids = seed();
    const bySide = await temp.store.digests.changesSince({ side: 'tr' }, T0, T1, limits);
    expect(bySide.events.map((c) => c.event.id)).toEqual([ids.newPlanned]);
    expect(bySide.quotes.map((q) => q.speaker)).toEqual(['Hakan Fidan']);
    const byPerson = await temp.store.digests.changesSince({ person: 'Andriy Sybiha' }, T0, T1, limits);
    expect(byPerson.events.map((c) => c.event.id).sort()).toEqual([ids.plannedEarlier, ids.newHeld].sort());
    expect(byPerson.quotes).toHaveLength(1);
    const byKeyword = await temp.store.digests.changesSince({ keywords: 'energy, nuclear' }, T0, T1, limits);
    expect(byKeyword.events.map((c) => c.event.id)).toEqual([ids.newHeld]);
    expect(byKeyword.quotes.map((q) => q.speaker)).toEqual(['Andrii Sybiha']);
    const nobody = await temp.store.digests.changesSince({ person: 'Nobody Known' }, T0, T1, limits);
    expect(nobody.events).toEqual([]);
  });

  it('returns at most the limit but tells the total', async () => {
    seed();
    const page = await temp.store.digests.changesSince({}, T0, T1, { events: 1, quotes: 1 });
    expect(page.events).toHaveLength(1);
    expect(page.totalEvents).toBe(3);
    expect(page.quotes).toHaveLength(1);
    expect(page.totalQuotes).toBe(2);
  });
});

describe('keyword filters', () => {
  it('match words from their start, across accents and case, any of the terms', () => {
    const text = foldForKeywordMatch('New sanctions on Gazprom; talks in Genève about energy-related issues.');
    expect(matchesKeywords(text, keywordTerms('sanction'))).toBe(true);
    expect(matchesKeywords(text, keywordTerms('geneve'))).toBe(true);
    expect(matchesKeywords(text, keywordTerms('ENERGY'))).toBe(true);
    expect(matchesKeywords(text, keywordTerms('gas'))).toBe(false);
    expect(matchesKeywords(foldedVegas, keywordTerms('gas'))).toBe(false);
    expect(matchesKeywords(text, keywordTerms('nuclear, unrelated'))).toBe(false);
    expect(matchesKeywords(text, keywordTerms('nuclear, energy-related'))).toBe(true);
    expect(matchesKeywords(text, keywordTerms('(a+'))).toBe(false);
  });
});
const foldedVegas = foldForKeywordMatch('Talks in Las Vegas');
