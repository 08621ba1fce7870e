// Person options (/who name, /latest-talks person): autocomplete and resolving what was typed.
// Autocomplete choices carry the person's id ("id:12") so two people with one name stay apart;
// text typed by hand (console mode, or ignoring the suggestions) is looked up by name.
import { UserFacingError, type AutocompleteChoice, type CommandContext } from '../src/interaction/command.ts';
import { escapeMarkdown, truncate } from '../src/render/markdown.ts';
import type { Person } from '../src/domain/types.ts';

export const PERSON_OPTION_MAX_LENGTH = 100;
const ID_VALUE = /^id:(\d{1,15})$/;

export async function suggestPeopleChoices(typed: string, ctx: CommandContext): Promise<AutocompleteChoice[]> {
  const suggestions = await ctx.store.queries.suggestPeople(typed.slice(0, PERSON_OPTION_MAX_LENGTH), 25);
  return suggestions.map((s) => ({ name: truncate(s.label, 100), value: `id:${s.personId}` }));
}

/** The person an option names, or a UserFacingError that says how to find them. */
export async function resolvePerson(typed: string, ctx: CommandContext): Promise<Person> {
  const value = typed.trim();
  const byId = ID_VALUE.exec(value);
  if (byId) {
    const profile = await ctx.store.queries.personProfile(Number(byId[1]), { events: 0, quotes: 0 });
    if (profile) return profile.person;
  } else if (value) {
    const person = await ctx.store.queries.findPerson(value);
    if (person) return person;
  }
  throw new UserFacingError(
    `No one called “${escapeMarkdown(truncate(value, 100))}” — try /who with autocomplete, which suggests the names Parley knows.`,
  );
}
