// An App for digest tests: a real store, a clock the test moves, a config the test can reload,
// and the real Discord poster pointed at the fake Discord.
import { REST } from 'discord.js';
import type { App, ConfigSource } from '../../src/app.ts';
import type { LoadedConfig } from '../../src/config/schema.ts';
import { parleyConfigSchema } from '../../src/config/schema.ts';
import type { Store } from '../../src/store/store.ts';
import { logger } from '../../src/log.ts';
import { createDiscordPoster } from '../../src/bot/deliver.ts';
import { discordRestOptions } from '../../src/bot/rest.ts';
import type { ChannelPoster } from '../../src/digest/delivery.ts';

export class TestClock {
  constructor(private instant: Date) {}
  now = (): Date => new Date(this.instant);
  set(iso: string): void {
    this.instant = new Date(iso);
  }
}

export class TestConfigSource implements ConfigSource {
  #config: LoadedConfig;
  #listeners = new Set<(config: LoadedConfig) => void>();
  constructor(parley: unknown = {}) {
    this.#config = { dir: '/nonexistent/config', parley: parleyConfigSchema.parse(parley), people: [], places: [] };
  }
  current(): LoadedConfig {
    return this.#config;
  }
  onChange(listener: (config: LoadedConfig) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  reload(parley: unknown): void {
    this.#config = { ...this.#config, parley: parleyConfigSchema.parse(parley) };
    for (const listener of this.#listeners) listener(this.#config);
  }
}

export function digestApp(store: Store, clock: TestClock, config = new TestConfigSource()): App {
  return { store, config, logger, now: clock.now };
}

/** The bot's poster over a REST client built as the bot builds its own. */
export function fakeDiscordPoster(api: string, token: string): { poster: ChannelPoster; rest: REST } {
  const rest = new REST(discordRestOptions(api)).setToken(token);
  return { poster: createDiscordPoster(rest), rest };
}
