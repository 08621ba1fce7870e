// A Parley digest process that dies on purpose: run by tests/digest.crash.test.ts as a child
// process, it opens the store, runs the due digest against the fake Discord and SIGKILLs itself
// at the point named by DIGEST_CRASH_AT ('recorded': before sending; 'sent': after Discord
// accepted the message, before the run is marked sent; unset: no crash).
import { openStore } from '../../src/store/open.ts';
import { startDigestScheduler } from '../../src/digest/scheduler.ts';
import { digestApp, fakeDiscordPoster, TestClock } from './digestApp.ts';

const { DIGEST_DB, DIGEST_API, DIGEST_TOKEN, DIGEST_NOW, DIGEST_CRASH_AT } = process.env;
if (!DIGEST_DB || !DIGEST_API || !DIGEST_TOKEN || !DIGEST_NOW)
  throw new Error('DIGEST_DB, DIGEST_API, DIGEST_TOKEN and DIGEST_NOW are required');

const store = await openStore(DIGEST_DB);
const { poster, rest } = fakeDiscordPoster(DIGEST_API, DIGEST_TOKEN);
const crash = (point: string) => {
  if (DIGEST_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
};
const scheduler = startDigestScheduler(digestApp(store, new TestClock(new Date(DIGEST_NOW))), poster, {
  tick: 'manual',
  hooks: { afterRecorded: () => crash('recorded'), afterSent: () => crash('sent') },
});
await scheduler.ready;
await scheduler.stop();
rest.clearHashSweeper();
rest.clearHandlerSweeper();
await store.close();
