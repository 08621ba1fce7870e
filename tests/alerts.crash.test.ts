// Kill the alert process between "recorded" and "sent", and between "sent" and "marked sent":
// after a restart the channel holds exactly one alert. The second case is caught by the nonce:
// the restarted process re-sends the recorded post with its nonce and enforce_nonce, and Discord
// (here the fake) answers with the message it already created.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertHarness, article } from './support/alertHarness.ts';

const child = fileURLToPath(new URL('./support/alertCrashChild.ts', import.meta.url));
let h: AlertHarness;

beforeEach(async () => {
  h = await AlertHarness.start();
});
afterEach(async () => {
  await h.close();
});

function runChild(
  now: string,
  crashAt?: 'recorded' | 'sent',
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      env: {
        ...process.env,
        ALERT_DB: h.temp.path,
        ALERT_API: h.fake.apiUrl,
        ALERT_TOKEN: h.fake.token,
        ALERT_NOW: now,
        ...(crashAt ? { ALERT_CRASH_AT: crashAt } : {}),
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

// Each case starts two or three Parley processes; allow for a busy machine.
describe('a crash around an alert post', { timeout: 120_000 }, () => {
  it.each(['recorded', 'sent'] as const)('killed after "%s": exactly one alert after restart', async (crashAt) => {
    const channel = h.channel(1);
    await h.subscribe(channel);
    await h.ingest({
      name: 'doha.txt',
      text: article({
        published: '2026-11-09',
        headline: 'Talks in Doha',
        body: 'Qatari and Ukrainian officials held talks in Doha on Monday about children taken to Russia, the Qatari foreign ministry said.',
      }),
    });

    const crashed = await runChild(new Date().toISOString(), crashAt);
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    expect(h.fake.messages(channel)).toHaveLength(crashAt === 'recorded' ? 0 : 1);
    const [interrupted] = await h.store.alerts.postsIn(channel);
    expect(interrupted).toMatchObject({ status: 'recorded', messageId: null });

    const restarted = await runChild(new Date(Date.now() + 60_000).toISOString());
    expect(restarted.code, restarted.stderr).toBe(0);

    const messages = h.fake.messages(channel);
    expect(messages).toHaveLength(1);
    expect(JSON.stringify(messages[0]!.embeds)).toContain('Doha');
    const posts = await h.store.alerts.postsIn(channel);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ status: 'sent', messageId: messages[0]!.id, nonce: interrupted!.nonce });
    const nonces = h.posts(channel).map((r) => (r.body as { nonce: string }).nonce);
    expect(new Set(nonces)).toEqual(new Set([interrupted!.nonce]));
    expect(await h.store.alerts.alertedIn(channel, [1])).toEqual(new Set([1]));
  });
});
