// Kill the digest process between "recorded" and "sent", and between "sent" and "marked sent":
// after a restart the channel holds exactly one digest for the slot. The second case is caught
// by the nonce: the restarted process re-sends with the run's nonce and enforce_nonce, and
// Discord (here the fake) answers with the message it already created.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from './support/tempStore.ts';
import { DigestTimeline } from './support/digestTimeline.ts';
import { startFakeDiscord, type FakeDiscord } from './support/fakeDiscord/index.ts';

const child = fileURLToPath(new URL('./support/digestCrashChild.ts', import.meta.url));
const SLOT = '2026-11-10T08:00:00.000Z';

let fake: FakeDiscord;
let temp: TempStore;

beforeEach(async () => {
  fake = await startFakeDiscord();
  temp = await openTempStore();
  const timeline = new DigestTimeline(temp.path);
  const article = timeline.article({ url: 'https://news.example/geneva', title: 'Geneva', fetchedAt: '2026-11-09T12:00:00.000Z' });
  timeline.event({
    status: 'held',
    date: '2026-11-09',
    city: 'Geneva',
    country: 'CH',
    sides: ['UA', 'US'],
    sources: [{ article, evidence: 'Delegations met in Geneva.' }],
    summary: 'Talks in Geneva',
    at: '2026-11-09T12:00:00.000Z',
  });
  timeline.close();
});

afterEach(async () => {
  await temp.cleanup();
  await fake.close();
});

function runChild(
  now: string,
  crashAt?: 'recorded' | 'sent',
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      env: {
        ...process.env,
        DIGEST_DB: temp.path,
        DIGEST_API: fake.apiUrl,
        DIGEST_TOKEN: fake.token,
        DIGEST_NOW: now,
        ...(crashAt ? { DIGEST_CRASH_AT: crashAt } : {}),
        PARLEY_LOG_LEVEL: 'warn',
        PARLEY_LOG_JSON: '1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

async function subscribe(channelId: string) {
  const { subscription } = await temp.store.digests.addSubscription({
    guildId: fake.guild.id,
    channelId,
    cron: '0 8 * * *',
    scheduleLabel: 'daily 08:00',
    timeZone: 'UTC',
    filters: {},
    notifyEmpty: false,
    createdBy: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    since: '2026-11-01T00:00:00.000Z',
  });
  return subscription;
}

// Each case starts two or three Parley processes; allow for a busy machine.
describe('a crash around delivery', { timeout: 120_000 }, () => {
  it.each(['recorded', 'sent'] as const)('killed after "%s": exactly one digest for the slot after restart', async (crashAt) => {
    const channel = fake.guild.channels[1]!.id;
    const subscription = await subscribe(channel);

    const crashed = await runChild('2026-11-10T08:00:05.000Z', crashAt);
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    expect(fake.messages(channel)).toHaveLength(crashAt === 'recorded' ? 0 : 1);
    const [interrupted] = await temp.store.digests.runsFor(subscription.id);
    expect(interrupted).toMatchObject({ slot: SLOT, status: 'recorded', messageId: null });

    const restarted = await runChild('2026-11-10T08:01:30.000Z');
    expect(restarted.code, restarted.stderr).toBe(0);

    const messages = fake.messages(channel);
    expect(messages).toHaveLength(1);
    expect(JSON.stringify(messages[0]!.embeds)).toContain('Geneva');
    const runs = await temp.store.digests.runsFor(subscription.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ slot: SLOT, status: 'sent', messageId: messages[0]!.id, nonce: interrupted!.nonce });
    // Both processes sent the same nonce.
    const posts = fake.requestsTo('POST /channels/:channelId/messages').map((r) => (r.body as { nonce: string }).nonce);
    expect(new Set(posts)).toEqual(new Set([interrupted!.nonce]));
    expect((await temp.store.digests.getSubscription(subscription.id))!.since).toBe(interrupted!.until);
  });

  it('a run interrupted longer ago than the nonce window is not re-sent blindly; its content goes into the next digest', async () => {
    const channel = fake.guild.channels[1]!.id;
    const subscription = await subscribe(channel);
    const crashed = await runChild('2026-11-10T08:00:05.000Z', 'sent');
    expect(crashed.signal).toBe('SIGKILL');
    // Restart an hour later: Discord no longer remembers the nonce, so a re-send could duplicate.
    const restarted = await runChild('2026-11-10T09:00:00.000Z');
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(fake.messages(channel)).toHaveLength(1);
    const [run] = await temp.store.digests.runsFor(subscription.id);
    expect(run).toMatchObject({ status: 'failed' });
    expect((await temp.store.digests.getSubscription(subscription.id))!.since).toBe('2026-11-01T00:00:00.000Z');
    // The next slot carries the talks again.
    const nextDay = await runChild('2026-11-11T08:00:00.000Z');
    expect(nextDay.code, nextDay.stderr).toBe(0);
    expect(fake.messages(channel)).toHaveLength(2);
    expect(JSON.stringify(fake.messages(channel)[1]!.embeds)).toContain('Geneva');
  });
});
