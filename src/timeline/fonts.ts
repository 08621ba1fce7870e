// The fonts of the timeline picture and how wide a text set in them is. The fonts come from npm
// packages (Google's Noto Sans as TrueType files, in @expo-google-fonts/*), never from the
// machine, so a picture looks the same on every host: Noto Sans for Latin, Greek and Cyrillic,
// Noto Sans Arabic, Noto Sans SC for Chinese (and the Japanese and Korean characters it holds).
//
// Widths are measured from the fonts' own advance widths (fontkit reads them), a character at a
// time, in the order the rasteriser falls back through the fonts. That is conservative on
// purpose: kerning and Arabic joining only ever make a run narrower or about as wide, a character
// no font has (most emoji) is counted as a full em (resvg draws a box that wide or narrower), and
// a margin covers the rest. A label measured here never spills past the room it was given.
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

/** The family every text element names; the other fonts are fallbacks for what it lacks. */
export const FONT_FAMILY = 'Noto Sans';

const FONT_PATHS = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  arabicBold: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  chinese: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
} as const;

/**
 * The font files that drawing `texts` needs, for resvg's `fontFiles`: Noto Sans always, the
 * Arabic and Chinese fonts only when some character falls back to them. resvg reads every file it
 * is given on every picture, and the Chinese one is 10 MB: most pictures need only Latin.
 */
export function fontFilesFor(texts: Iterable<string>): string[] {
  const m = loadMetrics();
  const needed = new Set<keyof typeof FONT_PATHS>(['regular', 'bold']);
  const fallbacks: Array<[fontkit.Font, Array<keyof typeof FONT_PATHS>]> = [
    [m.regular[1]!, ['arabic', 'arabicBold']],
    [m.regular[2]!, ['chinese']],
  ];
  const seen = new Set<number>();
  for (const text of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x250 || seen.has(cp)) continue;
      seen.add(cp);
      if (m.regular[0]!.hasGlyphForCodePoint(cp)) continue;
      const fallback = fallbacks.find(([font]) => font.hasGlyphForCodePoint(cp));
      for (const key of fallback?.[1] ?? []) needed.add(key);
    }
  }
  return [...needed].map((key) => require.resolve(FONT_PATHS[key]));
}

/** A character no font has is drawn as a box at most this wide (in em). */
const MISSING_GLYPH_EM = 1;
/** Head-room for what per-character measuring cannot see (shaping, hinting). */
const SAFETY = 1.06;

interface Metrics {
  regular: fontkit.Font[];
  bold: fontkit.Font[];
  /** Width in em per code point, for each weight. */
  cache: { regular: Map<number, number>; bold: Map<number, number> };
}

let metrics: Metrics | null = null;

function loadMetrics(): Metrics {
  if (metrics) return metrics;
  // fontkit reads a file's tables only when asked, so opening the 10 MB CJK font costs little.
  const open = (key: keyof typeof FONT_PATHS) => fontkit.openSync(require.resolve(FONT_PATHS[key])) as fontkit.Font;
  const chinese = open('chinese');
  metrics = {
    regular: [open('regular'), open('arabic'), chinese],
    bold: [open('bold'), open('arabicBold'), chinese],
    cache: { regular: new Map(), bold: new Map() },
  };
  return metrics;
}

// Characters that take no room of their own: marks that combine with the one before, joiners,
// variation selectors, bidi controls.
// oxlint-disable-next-line no-misleading-character-class -- the combining marks are matched one by one on purpose
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/u;

function charWidthEm(codePoint: number, weight: 'regular' | 'bold'): number {
  const m = loadMetrics();
  const cache = m.cache[weight];
  const known = cache.get(codePoint);
  if (known !== undefined) return known;
  let width = MISSING_GLYPH_EM;
  if (ZERO_WIDTH.test(String.fromCodePoint(codePoint))) width = 0;
  else {
    const font = m[weight].find((f) => f.hasGlyphForCodePoint(codePoint));
    if (font) width = font.glyphForCodePoint(codePoint).advanceWidth / font.unitsPerEm;
  }
  cache.set(codePoint, width);
  return width;
}

/** The width of `text` at `size` px, never less than it will be drawn. */
export function textWidth(text: string, size: number, weight: 'regular' | 'bold' = 'regular'): number {
  let em = 0;
  for (const ch of text) em += charWidthEm(ch.codePointAt(0)!, weight);
  return em * size * SAFETY;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * `text` cut to fit `maxWidth`, with an ellipsis when it had to be cut. Cuts between graphemes,
 * so an emoji sequence or a letter with its accents is kept whole or dropped whole.
 */
export function fitText(text: string, maxWidth: number, size: number, weight: 'regular' | 'bold' = 'regular'): string {
  if (textWidth(text, size, weight) <= maxWidth) return text;
  const ellipsis = textWidth('…', size, weight);
  let width = 0;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const w = textWidth(segment, size, weight);
    if (width + w + ellipsis > maxWidth) break;
    out += segment;
    width += w;
  }
  out = out.trimEnd();
  return out ? `${out}…` : '';
}
