// Side options (/latest-talks side): a country code such as "UA", "EU", or a country name.
import { UserFacingError, type AutocompleteChoice, type CommandContext } from '../src/interaction/command.ts';
import { countryFlag, countryFromWord, countryName } from '../src/extract/geo/countries.ts';
import { escapeMarkdown, truncate } from '../src/render/markdown.ts';

export const SIDE_OPTION_MAX_LENGTH = 60;

/** Sides that occur in the store, matched on code or country name. */
export async function suggestSideChoices(typed: string, ctx: CommandContext): Promise<AutocompleteChoice[]> {
  const wanted = typed.trim().toLowerCase();
  const sides = await ctx.store.queries.suggestSides('', 300);
  const scored = sides
    .map((code) => {
      const name = countryName(code);
      const lowerName = name.toLowerCase();
      const score = !wanted
        ? 1
        : code.toLowerCase() === wanted
          ? 4
          : lowerName.startsWith(wanted)
            ? 3
            : code.toLowerCase().startsWith(wanted)
              ? 2
              : lowerName.includes(wanted)
                ? 1
                : 0;
      return { code, name, score };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  return scored.slice(0, 25).map((s) => ({ name: `${countryFlag(s.code)} ${s.name} (${s.code})`.trim(), value: s.code }));
}

/** The side code for what was typed: a code ("ua", "EU") or a country name or word ("Ukraine", "Ukrainian"). */
export function resolveSide(typed: string): string {
  const value = typed.trim();
  if (/^[A-Za-z]{2}$/.test(value)) {
    const code = value.toUpperCase();
    if (code === 'EU' || countryName(code) !== code) return code;
  }
  const fromWord = countryFromWord(value);
  if (fromWord) return fromWord;
  throw new UserFacingError(
    `“${escapeMarkdown(truncate(value, SIDE_OPTION_MAX_LENGTH))}” is not a side Parley knows. Use a country code such as UA or EU, or pick one from the suggestions.`,
  );
}
