// /timeline [side] [person] [from] [to]: the talks as a picture (a PNG in an embed), with words
// that say what it shows. The picture is drawn by src/timeline, the same one `parley timeline`
// writes and weekly digests may attach.
import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/interaction/command.ts';
import { escapeMarkdown } from '../src/render/markdown.ts';
import { PARLEY_COLOR } from '../src/render/talks.ts';
import { markdownToPlain } from '../src/render/text.ts';
import { DEFAULT_DAYS_BACK, drawTimeline, parseDayOption, TIMELINE_FILE_NAME } from '../src/timeline/picture.ts';
import { PERSON_OPTION_MAX_LENGTH, resolvePerson, suggestPeopleChoices } from './_people.ts';
import { SIDE_OPTION_MAX_LENGTH, resolveSide, suggestSideChoices } from './_sides.ts';

const DAY_OPTION_LENGTH = 10;

export default {
  data: {
    name: 'timeline',
    description: 'The talks as a picture: one lane per pair of sides, each talk at its date',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'side',
        description: 'Only talks with this side (country code such as UA, or EU)',
        max_length: SIDE_OPTION_MAX_LENGTH,
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'person',
        description: 'Only talks this person took part in (one lane per counterpart)',
        max_length: PERSON_OPTION_MAX_LENGTH,
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'from',
        description: `First day, like 2025-11-30 (default ${DEFAULT_DAYS_BACK} days ago)`,
        min_length: DAY_OPTION_LENGTH,
        max_length: DAY_OPTION_LENGTH,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'to',
        description: 'Last day, like 2025-12-31 (default: up to the last planned talk)',
        min_length: DAY_OPTION_LENGTH,
        max_length: DAY_OPTION_LENGTH,
      },
    ],
  },
  // Drawing a large range takes a few hundred milliseconds and the upload more: always defer, so
  // Discord's 3-second window can never run out before the picture is sent.
  defer: true,
  async execute(options, ctx) {
    const text = (name: string) =>
      typeof options.values[name] === 'string' && String(options.values[name]).trim() ? String(options.values[name]) : undefined;
    const sideText = text('side');
    const personText = text('person');
    const fromText = text('from');
    const toText = text('to');
    const side = sideText === undefined ? undefined : resolveSide(sideText);
    const person = personText === undefined ? undefined : await resolvePerson(personText, ctx);
    const answer = await drawTimeline(
      {
        ...(side ? { side } : {}),
        ...(person ? { person } : {}),
        ...(fromText ? { from: parseDayOption(fromText, 'from') } : {}),
        ...(toText ? { to: parseDayOption(toText, 'to') } : {}),
      },
      { store: ctx.store, now: ctx.now(), timeZone: ctx.config().parley.timeZone },
    );
    if (answer.kind === 'empty') return { content: answer.message };
    return {
      embeds: [
        {
          title: escapeMarkdown(answer.title),
          color: PARLEY_COLOR,
          description: answer.description,
          image: TIMELINE_FILE_NAME,
          footer: '/latest-talks lists these talks with their sources; /event id:<number> shows one.',
        },
      ],
      files: [{ name: TIMELINE_FILE_NAME, data: answer.png.data, description: markdownToPlain(answer.description) }],
    };
  },
  async autocomplete(focused, _options, ctx) {
    if (focused.name === 'side') return suggestSideChoices(focused.value, ctx);
    if (focused.name === 'person') return suggestPeopleChoices(focused.value, ctx);
    return [];
  },
} satisfies Command;
