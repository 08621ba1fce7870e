// An alert process that dies on purpose: run by tests/alerts.crash.test.ts as a child process, it
// opens the store, runs one alert check against the fake Discord and SIGKILLs itself at the point
// named by ALERT_CRASH_AT ('recorded': before sending; 'sent': after Discord accepted the message,
// before the post is marked sent; unset: no crash).
import { openStore } from '../../src/store/open.ts';
import { logger } from '../../src/log.ts';
import { DeliveryQueue } from '../../src/digest/delivery.ts';
import { startAlertDispatcher } from '../../src/alerts/dispatcher.ts';
import { digestApp, fakeDiscordPoster, TestClock } from './digestApp.ts';

const { ALERT_DB, ALERT_API, ALERT_TOKEN, ALERT_NOW, ALERT_CRASH_AT } = process.env;
if (!ALERT_DB || !ALERT_API || !ALERT_TOKEN || !ALERT_NOW) throw new Error('ALERT_DB, ALERT_API, ALERT_TOKEN and ALERT_NOW are required');

const store = await openStore(ALERT_DB);
const { poster, rest } = fakeDiscordPoster(ALERT_API, ALERT_TOKEN);
const queue = new DeliveryQueue({ poster, logger });
const crash = (point: string) => {
  if (ALERT_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
};
const dispatcher = startAlertDispatcher(digestApp(store, new TestClock(new Date(ALERT_NOW))), queue, poster, {
  tick: 'manual',
  hooks: { afterRecorded: () => crash('recorded'), afterSent: () => crash('sent') },
});
await dispatcher.ready;
await dispatcher.check({ gather: false });
await dispatcher.stop();
queue.close();
await queue.idle();
rest.clearHashSweeper();
rest.clearHandlerSweeper();
await store.close();
