// The real `parley` process against the fake Discord: deploy-commands registers the commands,
// and `parley start` with a token connects, answers, and stops gracefully on SIGTERM.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../src/interaction/loadCommands.ts';
import { startFakeDiscord, type FakeDiscord } from './support/fakeDiscord/index.ts';
import { expectSafeMessage } from './support/fakeDiscord/replyChecks.ts';
import { collect, runParley, spawnParley, waitForLog } from './support/runParley.ts';

let fake: FakeDiscord;
let dir: string;

beforeAll(async () => {
  fake = await startFakeDiscord();
  dir = await mkdtemp(join(tmpdir(), 'parley-bot-cli-'));
  // No feeds and no polling: the process must not reach for the internet.
  await writeFile(join(dir, 'parley.yaml'), 'feeds: []\npolling:\n  enabled: false\n');
});

afterAll(async () => {
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const env = () => ({
  DISCORD_TOKEN: fake.token,
  DISCORD_APPLICATION_ID: fake.applicationId,
  DISCORD_API_URL: fake.apiUrl,
  PARLEY_CONFIG: dir,
  PARLEY_DB: join(dir, 'parley.db'),
});

describe('parley with the fake Discord', () => {
  it('deploy-commands --guild registers every command in that guild', async () => {
    const run = await runParley(['deploy-commands', '--guild', fake.guild.id], { env: env(), timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    const names = (await loadCommands()).map((c) => c.data.name);
    expect(fake.registeredCommands(fake.guild.id).map((c) => c.name)).toEqual(names);
    expect(run.stdout).toContain(`registered ${names.length} commands`);
  });

  it('start connects with the Guilds intent, answers a command and stops on SIGTERM', async () => {
    const child = spawnParley(['start'], { env: env() });
    const finished = collect(child, { timeoutMs: 90_000 });
    try {
      const connected = waitForLog(child, 'connected to Discord', 60_000);
      // SIGTERM is handled gracefully once start-up has finished.
      const ready = waitForLog(child, 'parley ready', 60_000);
      await connected;
      const session = fake.gatewaySessions.at(-1);
      expect(session?.identify?.intents).toBe(1);
      const payload = fake.chatInput({ command: 'help' });
      await fake.sendInteraction(payload);
      const reply = await fake.waitForReply(payload.id);
      expectSafeMessage(reply.message);
      await ready;
      child.kill('SIGTERM');
      const run = await finished;
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('bot stopped');
      expect(session?.closed).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
