// A fake Discord (REST + gateway on 127.0.0.1) for end-to-end tests with a real discord.js Client.
export { startFakeDiscord, FakeDiscord } from './server.ts';
export type { FakeDiscordOptions, FakeMessage, InteractionCallback, InteractionRecord, InteractionReply, RecordedRequest, RegisteredCommand } from './server.ts';
export { fail, type Failure } from './faults.ts';
export { Permission, MEMBER_PERMISSIONS, MODERATOR_PERMISSIONS, BOT_PERMISSIONS } from './interactions.ts';
export type { ChatInputSpec, AutocompleteSpec, InteractionPayload, InteractionOption } from './interactions.ts';
export { embedCharacters, wouldPing, type Pings } from './limits.ts';
export type { FakeWorld, FakeGuild, FakeChannel, FakeUser } from './world.ts';
export type { GatewaySessionInfo, IdentifyRecord } from './gateway.ts';
