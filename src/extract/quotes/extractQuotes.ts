// Quotations and who said them. The speaker comes from the frame around the quote:
//   "...," he said. / "...," Umerov said. / "...," said Umerov.   (after the quote)
//   Umerov said that "..." / Ushakov, an aide to Putin, said "..."  (before it)
//   according to X / X: "..." / ..., stating: "..." / Trump's statement that "..."
// Pronouns go to the subject of the sentence or of the sentences before; "the president said"
// to the last person whose role says president. A report by a newspaper ("Politico reports",
// "Russian media reported") does not make the newspaper the speaker.
import type { ExtractedQuote, IsoDay } from '../../domain/types.ts';
import { findDates } from '../dates/resolve.ts';
import { mentionsIn, resolvePronoun, resolveRoleReference, subjectMention, type ArticleFrame } from '../people/reference.ts';
import { blankQuotes, type QuoteSpan } from './quoteSpans.ts';

const FINITE_SPEECH =
  'said|says|say|told|tells|wrote|writes|added|adds|stated|states|noted|notes|announced|announces|stressed|stresses|emphasized|emphasised|explained|explains|insisted|insists|warned|warns|declared|declares|replied|asked|commented|posted|tweeted|summarized|summarised|affirmed|argued|argues|claimed|claims|confirmed|confirms|concluded|called|calls|urged|urges|reiterated|signaled|signalled|accused|accuses|recalled|admitted|acknowledged|predicted|promised|vowed|pledged|suggested|described|continued|remarked|responded|reported|reports|quipped|observed|mentioned|revealed|assured|cautioned|complained|conceded|contended|estimated|insisted|maintained|shared|expressed|points out|pointed out|point out';
const GERUND_SPEECH =
  'saying|stating|adding|noting|writing|telling|calling|arguing|warning|insisting|explaining|stressing|declaring|describing|urging|claiming|emphasizing|emphasising|asking|accusing';
const STATEMENT_NOUNS = 'statement|statements|remarks|comments|words|post|message|claim|assertion|promise|pledge|view|words';

const FINITE_RE = new RegExp(`\\b(?:${FINITE_SPEECH})\\b`, 'g');
const GERUND_RE = new RegExp(`\\b(?:${GERUND_SPEECH})\\b`, 'g');
const FINITE_ONE = new RegExp(`\\b(?:${FINITE_SPEECH})\\b`);

/** Subjects that report rather than speak: the newspaper, the agency, "Russian media". */
const REPORTER =
  /^(?:the\s+)?(?:publication|newspaper|paper|outlet|agency|report|media|source|sources|website|broadcaster|channel|station|magazine|news\s+agency|[\p{Lu}][\p{L}-]*(?:\s+[\p{Lu}][\p{L}-]*)*\s+(?:media|reports?|agency|newspaper))\b/iu;

type Speaker = { kind: 'person'; key: string } | { kind: 'reporter' } | { kind: 'none' };

interface QuoteContext {
  frame: ArticleFrame;
  /** Text with every quotation blanked, same offsets as the article text. */
  framed: string;
}

function sentenceOf(frame: ArticleFrame, pos: number) {
  return frame.sentences.find((s) => pos >= s.start && pos < s.end) ?? null;
}

/**
 * "Zelensky's adviser, Rustem Umerov, said": a name set off by commas as the appositive of its
 * title, with only the closing comma between it and the verb at `pos`.
 */
function closesAppositive(framed: string, from: number, m: { start: number; end: number }, pos: number): boolean {
  return /^\s*,\s*$/.test(framed.slice(m.end, pos)) && /,\s*$/.test(framed.slice(from, m.start));
}

/** A mention or pronoun or "the <role>" ending right before `pos`, allowing an appositive or a time phrase between. */
function subjectBefore(ctx: QuoteContext, from: number, pos: number): Speaker {
  const { frame, framed } = ctx;
  const gapOk = (gap: string): boolean =>
    /^\s*(?:,\s*[^,.;]{1,150},)?\s*(?:(?:on|in|at|last|this|earlier|later|also|again|previously|then|separately|recently|later|once|further|already|on\s+\w+)\b[^,.;]{0,40}?)?\s*$/i.test(
      gap,
    ) && !new RegExp(`\\b(?:${FINITE_SPEECH})\\b`).test(gap);
  const mentions = mentionsIn(frame, from, pos).filter((m) => !m.possessive);
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i]!;
    if (gapOk(framed.slice(m.end, pos)) || closesAppositive(framed, from, m, pos)) return { kind: 'person', key: m.key };
  }
  const head = framed.slice(from, pos);
  const pronoun = /\b(he|she)\s+(?:(?:also|then|later|again|further|had|has|have|would|will)\s+)?$/i.exec(head);
  if (pronoun) {
    const key = resolvePronoun(frame, from + pronoun.index);
    return key ? { kind: 'person', key } : { kind: 'none' };
  }
  const role =
    /\bthe\s+(?:[\p{L}-]+\s+){0,3}?(president|minister|envoy|adviser|advisor|aide|chancellor|senator|secretary|leader|negotiator|official|diplomat|general|premier|spokesman|spokeswoman|spokesperson|ambassador|businessman|dictator|chief|head)\s*$/iu.exec(
      head,
    );
  if (role) {
    const key = resolveRoleReference(frame, role[1]!, from + role.index);
    return key ? { kind: 'person', key } : { kind: 'none' };
  }
  if (REPORTER.test(head.trim().split(/[,;]/).pop()!.trim())) return { kind: 'reporter' };
  return { kind: 'none' };
}

/** Words between a speech verb and a name that are only a title: no clause mark, no verb, at most 90 characters. */
function titleRunBetween(between: string): boolean {
  return (
    between.length <= 90 &&
    !/[,;:!?]|(?<!\b\p{Lu})\.\s/u.test(between) &&
    !new RegExp(`\\b(?:${FINITE_SPEECH}|${GERUND_SPEECH}|and|who|which|that)\\b`).test(between)
  );
}

/** Attribution after the closing quote: `," he said`, `," Umerov said`, `," said Umerov`, `, Politico reports`. */
function speakerAfter(ctx: QuoteContext, q: QuoteSpan): Speaker {
  const { frame, framed } = ctx;
  const sentence = sentenceOf(frame, q.close) ?? sentenceOf(frame, q.open);
  const end = sentence ? sentence.end : Math.min(framed.length, q.close + 200);
  const after = framed.slice(q.close + 1, end);
  // `," according to Umerov`
  const according = /^\s*[,.!?]?\s*according\s+to\s+/i.exec(after);
  if (according) {
    const at = q.close + 1 + according[0].length;
    const m = mentionsIn(frame, at, at + 120).find((x) => x.start - at < 60);
    return m ? { kind: 'person', key: m.key } : { kind: 'reporter' };
  }
  // `," said Umerov` / `," said the president`
  const inverted = new RegExp(`^\\s*[,.!?]?\\s*(?:${FINITE_SPEECH})\\s+`).exec(after);
  if (inverted) {
    const at = q.close + 1 + inverted[0].length;
    // `," said Umerov`, `," said U.S. State Department official Victoria Nuland`: the name after a title.
    const m = mentionsIn(frame, at, at + 120).find((x) => titleRunBetween(framed.slice(at, x.start)));
    if (m) return { kind: 'person', key: m.key };
    const rest = after.slice(inverted[0].length);
    const role =
      /^the\s+(?:[\p{L}-]+\s+){0,3}?(president|minister|envoy|adviser|aide|chancellor|senator|secretary|leader|official|spokesman|spokeswoman|spokesperson)\b/iu.exec(
        rest,
      );
    if (role) {
      const key = resolveRoleReference(frame, role[1]!, at);
      if (key) return { kind: 'person', key };
    }
    return { kind: 'reporter' };
  }
  // `," he said` / `," Umerov summarized` / `, Russian media reported` : the first clause after the quote.
  // `" on the Russian side, Deputy Defence Minister Fomin said`: a short phrase may come first.
  const clause =
    /^\s*[,.!?]?\s*(?:[^,.;"\u201c\u201d]{1,60},\s*)?([^,.;"\u201c\u201d]{1,120}?)\s+((?:also\s+|later\s+|then\s+)?(?:FINITE))\b/i;
  const m = new RegExp(clause.source.replace('FINITE', FINITE_SPEECH)).exec(after);
  if (m) {
    const subjectEnd = q.close + 1 + m[0].length - m[2]!.length;
    const s = subjectBefore(ctx, q.close + 1, subjectEnd);
    if (s.kind !== 'none') return s;
    if (REPORTER.test(m[1]!.trim())) return { kind: 'reporter' };
  }
  // A sentence ending "..., he added."
  const tail = new RegExp(`,\\s*(he|she)\\s+(?:${FINITE_SPEECH})[^,;]{0,40}[.!?]?\\s*$`).exec(after);
  if (tail) {
    const key = resolvePronoun(frame, q.close + 1 + tail.index + tail[0].indexOf(tail[1]!));
    if (key) return { kind: 'person', key };
  }
  return { kind: 'none' };
}

/**
 * "After a meeting with X, he thanked ... and expressed the hope that": "he" opens the clause whose
 * verb is at `verbAt`, with no other speech verb and no other person between.
 */
function pronounSubjectOfClause(ctx: QuoteContext, from: number, verbAt: number): Speaker {
  const head = ctx.framed.slice(from, verbAt);
  const pronoun = [...head.matchAll(/(?:^|[,;]\s*|\s)(he|she)\s+\p{Ll}+/giu)].pop();
  if (!pronoun) return { kind: 'none' };
  const at = from + pronoun.index + pronoun[0].indexOf(pronoun[1]!);
  const rest = ctx.framed.slice(at, verbAt);
  if (FINITE_ONE.test(rest.slice(3)) || mentionsIn(ctx.frame, at, verbAt).length > 0) return { kind: 'none' };
  const key = resolvePronoun(ctx.frame, at);
  return key ? { kind: 'person', key } : { kind: 'none' };
}

/** Attribution before the opening quote, within its sentence. */
function speakerBefore(ctx: QuoteContext, q: QuoteSpan): Speaker {
  const { frame, framed } = ctx;
  const sentence = sentenceOf(frame, q.open);
  if (!sentence) return { kind: 'none' };
  const from = sentence.start;
  const head = framed.slice(from, q.open);

  // X: "..."
  const colon = /:\s*$/.exec(head);
  if (colon) {
    const s = subjectBefore(ctx, from, from + colon.index);
    if (s.kind === 'person') return s;
  }
  // according to X / according to him
  const according = [...head.matchAll(/\baccording to\s+/gi)].pop();
  if (according) {
    const at = from + according.index + according[0].length;
    const m = mentionsIn(frame, at, q.open).find((x) => x.start - at < 60);
    if (m) return { kind: 'person', key: m.key };
    if (/^(?:him|her)\b/i.test(framed.slice(at, at + 4))) {
      const key = resolvePronoun(frame, at);
      if (key) return { kind: 'person', key };
    }
  }
  // X's statement that "..."
  const statement = [...head.matchAll(new RegExp(`['\\u2019]s?\\s+(?:${STATEMENT_NOUNS})\\b`, 'gi'))].pop();
  // The speech verb nearest the quote; a gerund ("saying", "stating") takes the subject of the
  // finite verb before it, or the first subject of the sentence.
  const finite = [...head.matchAll(FINITE_RE)].map((m) => ({ at: from + m.index, gerund: false }));
  const gerunds = [...head.matchAll(GERUND_RE)].map((m) => ({ at: from + m.index, gerund: true }));
  const verbs = [...finite, ...gerunds].sort((a, b) => a.at - b.at);
  const last = verbs[verbs.length - 1];
  if (statement && (!last || from + statement.index > last.at)) {
    const owner = mentionsIn(frame, from, from + statement.index + 3)
      .filter((m) => m.possessive)
      .pop();
    if (owner && from + statement.index - owner.end <= 2) return { kind: 'person', key: owner.key };
  }
  if (!last) return { kind: 'none' };
  if (!last.gerund) {
    const s = subjectBefore(ctx, from, last.at);
    return s.kind === 'none' ? pronounSubjectOfClause(ctx, from, last.at) : s;
  }
  const finiteBefore = finite.filter((v) => v.at < last.at).pop();
  if (finiteBefore) {
    const s = subjectBefore(ctx, from, finiteBefore.at);
    if (s.kind === 'person') return s;
  }
  const near = subjectBefore(ctx, from, last.at);
  if (near.kind !== 'none') return near;
  // "Erdogan welcomed the negotiators before the session began, telling them: ..." — the sentence's subject.
  const subject = subjectMention(frame, sentence, last.at);
  return subject ? { kind: 'person', key: subject.key } : { kind: 'none' };
}

/** A quotation of a title or name ("Meet the Press", "Article 5-like") rather than of words said. */
function looksLikeTitle(q: string): boolean {
  const words = q.trim().split(/\s+/);
  return words.length <= 6 && words.every((w) => /^[\p{Lu}\d]/u.test(w) || /^(?:the|of|and|a|an|in|on|for|to)$/.test(w));
}

/** Attribute values of HTML left in scraped text: `class="small-12 column"`. */
function looksLikeMarkup(text: string, q: QuoteSpan): boolean {
  return text[q.open - 1] === '=' || /[<>{}=]|https?:|\w_\w/.test(q.text);
}

function quoteDate(ctx: QuoteContext, q: QuoteSpan, publishedAt: IsoDay | null): IsoDay | null {
  const sentence = sentenceOf(ctx.frame, q.open);
  if (!sentence || !publishedAt) return publishedAt;
  const framed = ctx.framed.slice(sentence.start, sentence.end);
  const speech = new RegExp(`\\b(?:${FINITE_SPEECH}|${GERUND_SPEECH})\\b`);
  for (const d of findDates(framed, publishedAt)) {
    // Only a date right after a speech verb is the day the words were said: "said on Sunday".
    const before = framed.slice(Math.max(0, d.start - 40), d.start);
    if (speech.test(before) && !d.approx && d.date <= publishedAt) return d.date;
  }
  return publishedAt;
}

// Verbs that say the speaker goes on from what came before.
const CONTINUING_SPEECH = /^\s*(?:,\s*[^,.;]{1,120},\s*)?(?:also\s+)?(?:added|adds|continued|continues|went on)\b/;

/**
 * A quotation that ends its sentence, followed by a sentence (in the same paragraph or the next)
 * that opens with a person who "added" or "continued": that person said the quotation.
 */
function continuingSpeakerAfter(ctx: QuoteContext, q: QuoteSpan): string | null {
  const { frame, framed } = ctx;
  const here = sentenceOf(frame, q.close) ?? sentenceOf(frame, q.open);
  if (!here || !/^[\s\u201d".!?]*$/.test(frame.text.slice(q.close + 1, here.end))) return null;
  const next = frame.sentences[here.index + 1];
  if (!next || next.paragraph > here.paragraph + 1) return null;
  const m = mentionsIn(frame, next.start, next.end)[0];
  if (!m || m.possessive || !/^[\s"\u201c]*$/.test(framed.slice(next.start, m.start).replace(/\b(?:[A-Z][\w.'\u2019-]*|the|and)\s+/g, '')))
    return null;
  return CONTINUING_SPEECH.test(framed.slice(m.end, next.end)) ? m.key : null;
}

/** The quotation fills its paragraph: nothing but the quote marks and punctuation around it. */
function quoteIsParagraph(frame: ArticleFrame, q: QuoteSpan): boolean {
  const paraStart = frame.text.lastIndexOf('\n', q.open) + 1;
  const nl = frame.text.indexOf('\n', q.close);
  const paraEnd = nl < 0 ? frame.text.length : nl;
  return /^\s*$/.test(frame.text.slice(paraStart, q.open)) && /^[\s.,!?\u201d"]*$/.test(frame.text.slice(q.close + 1, paraEnd));
}

export interface AttributedQuote {
  quote: ExtractedQuote;
  span: QuoteSpan;
}

/** The article's quotations with their speakers (keys into the article's people) and spans. */
export function attributeQuotes(frame: ArticleFrame, publishedAt: IsoDay | null): AttributedQuote[] {
  const ctx: QuoteContext = { frame, framed: blankQuotes(frame.text, frame.quotes) };
  const out: AttributedQuote[] = [];
  let previous: { speakerKey: string | null; close: number; paragraph: number } | null = null;
  for (const q of frame.quotes) {
    if (looksLikeTitle(q.text) || looksLikeMarkup(frame.text, q)) continue;
    let speaker = speakerAfter(ctx, q);
    if (speaker.kind !== 'person') {
      // "..., Russian media reported" after the quote still leaves "Ushakov said that" before it.
      const before = speakerBefore(ctx, q);
      if (before.kind === 'person' || before.kind === 'reporter') speaker = before;
    }
    const paragraph = sentenceOf(frame, q.open)?.paragraph ?? -1;
    let speakerKey = speaker.kind === 'person' ? speaker.key : null;
    // A quote that continues the previous one in the same paragraph: `"...," he wrote. "We look forward..."`.
    if (speaker.kind === 'none' && previous && previous.paragraph === paragraph && previous.speakerKey) {
      const between = ctx.framed.slice(previous.close + 1, q.open);
      const others = mentionsIn(frame, previous.close + 1, q.open);
      // Either nobody else is named in between, or what stands between is the previous quote's
      // own attribution: `"...," he said in an interview with Kristen Welker. "..."`.
      const attribution = new RegExp(`^[\\s,.!?]*(?:\\S+\\s+){1,3}(?:${FINITE_SPEECH})\\b`);
      if (others.length === 0 || attribution.test(between)) speakerKey = previous.speakerKey;
    }
    // `"...." Biden added that ...`: the next sentence's subject goes on speaking, so said this too.
    if (speakerKey === null && speaker.kind === 'none') speakerKey = continuingSpeakerAfter(ctx, q);
    // A paragraph that is only a quotation goes on with the speaker of the quote just before it,
    // in the paragraph above, when nobody else is named in between.
    if (
      speakerKey === null &&
      speaker.kind === 'none' &&
      previous?.speakerKey &&
      previous.paragraph === paragraph - 1 &&
      quoteIsParagraph(frame, q)
    ) {
      if (mentionsIn(frame, previous.close + 1, q.open).every((m) => m.key === previous!.speakerKey)) speakerKey = previous.speakerKey;
    }
    const words = q.text.trim().split(/\s+/).length;
    if (speakerKey === null && words < 4) continue;
    out.push({ quote: { speakerKey, text: q.text.trim().replace(/\s*,$/, ''), date: quoteDate(ctx, q, publishedAt) }, span: q });
    previous = { speakerKey, close: q.close, paragraph };
  }
  return out;
}

export function extractQuotes(frame: ArticleFrame, publishedAt: IsoDay | null): ExtractedQuote[] {
  return attributeQuotes(frame, publishedAt).map((a) => a.quote);
}
