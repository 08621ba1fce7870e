// A fake Discord (REST + gateway on 127.0.0.1) for end-to-end tests with a real discord.js Client.
//
//   const fake = await startFakeDiscord();
//   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
//   await client.login(fake.token);                       // or runBot({ token: fake.token, rest: { api: fake.apiUrl }, ... })
//   const payload = fake.chatInput({ command: 'who', options: { name: 'Umerov' }, permissions: MODERATOR_PERMISSIONS });
//   await fake.sendInteraction(payload);
//   const reply = await fake.waitForReply(payload.id);    // immediate reply, deferred + edit, or autocomplete choices
//
// Posting outside interactions (digests): `new REST(discordRestOptions(fake.apiUrl)).setToken(fake.token)`, then
// `fake.messages(channelId)`. Failures: `fake.failNext('POST /channels/:channelId/messages', fail.forbidden())`,
// `fail.serverError()`, `fail.rateLimited(seconds, { global })`, `fail.delay(ms)`; `fake.setGlobalRateLimit(n)`
// answers 429 above n requests per second. Every request is in `fake.requests` (`fake.requestsTo(route)`), with
// `abandonedAt` when the client aborted it before the answer.
// Bodies over Discord's limits get 400 like the real API; `message.pings` says whom a message would notify.
export { startFakeDiscord, FakeDiscord } from './server.ts';
export type {
  FakeDiscordOptions,
  FakeMessage,
  InteractionCallback,
  InteractionRecord,
  InteractionReply,
  RecordedRequest,
  RegisteredCommand,
} from './server.ts';
export { fail, type Failure } from './faults.ts';
export { Permission, MEMBER_PERMISSIONS, MODERATOR_PERMISSIONS, BOT_PERMISSIONS } from './interactions.ts';
export type { ChatInputSpec, AutocompleteSpec, InteractionPayload, InteractionOption } from './interactions.ts';
export { embedCharacters, wouldPing, type Pings } from './limits.ts';
export type { FakeWorld, FakeGuild, FakeChannel, FakeUser } from './world.ts';
export type { GatewaySessionInfo, IdentifyRecord } from './gateway.ts';
