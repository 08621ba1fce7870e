// Who a pronoun, a role phrase or a speech verb's subject refers to. Shared by the quote rules
// ("he said", "the president said", "Ushakov, an aide to Putin, said") and the event rules
// ("he would hold another meeting").
import type { Sentence } from '../sentences.ts';
import type { PeopleInArticle, PersonMention } from './extractPeople.ts';
import { insideQuote, type QuoteSpan } from '../quotes/quoteSpans.ts';

export interface ArticleFrame {
  text: string;
  sentences: Sentence[];
  people: PeopleInArticle;
  quotes: QuoteSpan[];
}

// A preposition (plus a few title words) before a name makes it an object: "a meeting with U.S.
// Secretary of State Marco Rubio", "an aide to Vladimir Putin".
// A capitalised word before the preposition makes it part of a title ("Secretary of State"),
// unless it is a sentence-opening participle ("Sitting opposite Xi, Albanese ...").
const OBJECT_LEAD =
  /(?<!\p{Lu}(?!\p{Ll}+ing\s)[\p{L}.]*\s)\b(?:of|to|with|by|for|from|against|between|among|about|than|alongside|at|in|under|behind|like|on|into|toward|towards|opposite|beside|facing)\s+(?:(?:the|a|an|his|her|their)\s+|\p{Lu}[\p{L}.'\u2019-]*\s+|[\p{Ll}-]+\s+){0,5}$/u;
// Time phrases opening a clause are not prepositions governing the name: "On Saturday President Zelenskyy said".
const OPENING_TIME =
  /^\s*(?:(?:on|in|at|by|last|this|earlier|later|late|early)\s+)?(?:(?:\p{Lu}[\p{L}.]*|\d+|the|last|this|next|week|weekend|month|year|morning|evening|afternoon|night)[\s,]+){1,4}/u;

/** Mentions outside quotations within [from, to). */
export function mentionsIn(frame: ArticleFrame, from: number, to: number): PersonMention[] {
  return frame.people.mentions.filter((m) => m.start >= from && m.end <= to && !insideQuote(frame.quotes, m.start));
}

/**
 * The first mention in a sentence that reads as its grammatical subject: not a possessor
 * ("Putin's aide"), not after a preposition, not inside a quotation.
 */
export function subjectMention(frame: ArticleFrame, sentence: Sentence, before = sentence.end): PersonMention | null {
  for (const m of mentionsIn(frame, sentence.start, before)) {
    if (m.possessive) continue;
    const lead = frame.text.slice(sentence.start, m.start);
    let clauseLead = lead.slice(Math.max(lead.lastIndexOf(','), lead.lastIndexOf(';')) + 1);
    const time = OPENING_TIME.exec(clauseLead);
    if (time && /^\s*(?:on|in|at|last|this|earlier|later)\b/i.test(clauseLead)) clauseLead = clauseLead.slice(time[0].length);
    if (OBJECT_LEAD.test(clauseLead)) continue;
    return m;
  }
  return null;
}

function sentenceAt(frame: ArticleFrame, pos: number): Sentence | null {
  return frame.sentences.find((s) => pos >= s.start && pos < s.end) ?? null;
}

/**
 * The person "he"/"she" at `pos` stands for: the subject of the same sentence before it, else
 * the subject of one of the three sentences before (the nearest that has one).
 */
export function resolvePronoun(frame: ArticleFrame, pos: number): string | null {
  const here = sentenceAt(frame, pos);
  if (here) {
    const m = subjectMention(frame, here, pos);
    if (m) return m.key;
  }
  const idx = here ? here.index : frame.sentences.findIndex((s) => s.start > pos) - 1;
  for (let i = idx - 1; i >= 0 && i >= idx - 3; i--) {
    const s = frame.sentences[i]!;
    const m = subjectMention(frame, s);
    if (m) return m.key;
    // A sentence naming someone only as an object still moves the focus to them.
    const any = mentionsIn(frame, s.start, s.end).filter((x) => !x.possessive);
    if (any.length === 1) return any[0]!.key;
  }
  return null;
}

/** "the president", "the Russian envoy": the last person before `pos` whose role has the word. */
export function resolveRoleReference(frame: ArticleFrame, roleWord: string, pos: number): string | null {
  const word = roleWord.toLowerCase();
  const before = frame.people.mentions.filter((m) => m.start < pos && !insideQuote(frame.quotes, m.start));
  for (let i = before.length - 1; i >= 0; i--) {
    const key = before[i]!.key;
    const roles = frame.people.roles.get(key) ?? [];
    // The role's own head, not a person it is relative to: "representative of the Russian dictator"
    // is no dictator.
    if (roles.some((r) => new RegExp(`\\b${word}\\b`, 'i').test(r.role.split(/\s+(?:of|to|for|at)\s+/)[0]!))) return key;
  }
  return null;
}
