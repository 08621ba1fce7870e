// Step 7, the participants: the people at the table. In the clause, the people named as taking
// part (not possessors, not people inside someone's role, not mere speakers, not objects of
// other verbs); across the article, the negotiating team of each side of the article's current
// talks, a speaker who reports from the table, and the companions named right after a report.
import type { CountryCode, IsoDay } from '../../domain/types.ts';
import type { Sentence } from '../sentences.ts';
import { insideQuote } from '../quotes/quoteSpans.ts';
import { ROLE_HEADS, ROLE_MODIFIERS } from '../people/lexicon.ts';
import { resolvePronoun, resolveRoleReference, subjectMention, type ArticleFrame } from '../people/reference.ts';
import type { Clause } from './clause.ts';
import { countryOfPerson, isLive, type Draft } from './draft.ts';
import type { PatternRow } from './patternTable.ts';

const NOT_PARTICIPANT_PREPOSITION = /^(?:to|for|of|about|against|on|from|by|than|like|under|over)$/;

/**
 * "report to Zelenskyy", "a plan by Trump": a name governed by a preposition other than "with"
 * (allowing a title between: "to U.S. Secretary of State Marco Rubio") is not a participant.
 * "Secretary of State" itself is a title, not a preposition phrase.
 */
export function governedByPreposition(lead: string): boolean {
  const words = lead.trim().split(/\s+/).filter(Boolean);
  for (let i = words.length - 1; i >= 0 && i >= words.length - 5; i--) {
    const w = words[i]!;
    if (NOT_PARTICIPANT_PREPOSITION.test(w)) {
      const prev = i > 0 ? words[i - 1]! : '';
      // "hosted by Fidan", "led by Yermak": the agent takes part.
      if (w === 'by' && /^(?:hosted|led|headed|chaired|mediated|accompanied|joined|attended|flanked)$/i.test(prev)) return false;
      // "his first call to Biden", "spoke to Macron": the other end of a call.
      if (w === 'to' && /^(?:call|calls|spoke|speak|speaks|speaking|talked|talk|talking)$/i.test(prev)) return false;
      return !/^\p{Lu}/u.test(prev);
    }
    const titleWord =
      /^\p{Lu}/u.test(w) ||
      /^(?:the|a|an|his|her|their)$/.test(w) ||
      ROLE_HEADS.has(w.toLowerCase()) ||
      ROLE_MODIFIERS.has(w.toLowerCase());
    if (!titleWord) return false;
  }
  return false;
}

const SPEECH_AFTER_NAME =
  /^(?:['\u2019]s)?\s*(?:,[^,]{1,140},\s*)?(?:(?:on|in|at|last|this|earlier|later|also)\b[^,;]{0,30}?\s+)?(?:said|says|told|tells|wrote|writes|announced|stated|noted|added|confirmed|reported|summarized|stressed|warned|insisted|claimed|signaled|signalled|called|urged|posted|tweeted|explained)\b/;

/**
 * After a name, a verb of saying: the person is a speaker, and takes part only when what they
 * said refers back to them ("said he would hold"). Returns whether the name is a mere speaker.
 */
export function merelySpeaks(afterName: string, leadInClause: string): boolean {
  const speech = SPEECH_AFTER_NAME.exec(afterName);
  if (!speech && !/\baccording\s+to\s+(?:[^,\s]+\s+){0,4}$/i.test(leadInClause)) return false;
  const complement = speech ? afterName.slice(speech[0].length).split(',')[0]! : '';
  return !/\b(?:he|she|his|her|we|our)\b/i.test(complement);
}

/** A title that says the person negotiates for a side: the head or member of a delegation. */
export function leadsDelegation(role: string | null): boolean {
  return role !== null && /\b(?:delegation|negotiators?|negotiating\s+team|negotiation\s+team)\b/i.test(role);
}

function personRole(frame: ArticleFrame, key: string): string | null {
  return frame.people.people.find((p) => p.key === key)?.role ?? null;
}

/** "the Trump administration", "the Putin government": the name only qualifies an institution. */
export function qualifiesInstitution(afterName: string): boolean {
  return /^\s+(?:administration|government|team|campaign|era|regime|camp|cabinet|White\s+House)\b/.test(afterName);
}

// Case-sensitive on purpose: with the i flag \p{Lu} would match lower case too.
const ROLE_REFERENCE =
  /\b(?:with|and|met|meet|meets|between)\s+the\s+((?:[\p{L}-]+\s+){0,2}?)(president|dictator|leader|envoy|minister|chancellor|premier|king|emir|prince|secretary|counterpart)\b(?!\s+(?:of\s+)?\p{Lu})/gu;

/** A pronoun that stands for someone taking part in the clause's event. */
export const PRONOUN_PARTICIPANT: readonly PatternRow[] = [
  {
    name: 'he or she as the subject of the event verb',
    pattern:
      /\b(?:he|she)\s+(?:(?:also|then|later|again|already|first|briefly)\s+)?(?:would|will|had|has|is|was|met|meets|held|holds|plans|planned|spoke|speaks|called|phoned)\b/i,
    matches: ['He also had a call with the Dutch prime minister', 'she met the envoy', 'he will hold talks'],
    rejects: ['the envoy he sent', 'They met in Lima'],
  },
  {
    name: 'his or her meeting with someone',
    pattern: /\b(?:his|her)\s+(?:[\p{L}-]+\s+){0,3}?(?:summit|meeting|talks|call|conversation|visit)\s+with\b/iu,
    matches: ['and his first summit with the Korean president', 'her phone call with the chancellor'],
    rejects: ['his speech to parliament', 'their meeting with the envoy'],
  },
];

/** The people the participant pronouns of a stretch of text (starting at `start`) stand for. */
function pronounParticipants(frame: ArticleFrame, start: number, text: string): string[] {
  const keys: string[] = [];
  for (const row of PRONOUN_PARTICIPANT) {
    const pronoun = row.pattern.exec(text);
    if (!pronoun || insideQuote(frame.quotes, start + pronoun.index)) continue;
    const key = resolvePronoun(frame, start + pronoun.index);
    if (key) keys.push(key);
  }
  return keys;
}

/** People of a clause who take part in its event: not possessors, not people inside someone's role, not mere speakers. */
export function clauseParticipants(frame: ArticleFrame, clause: Clause, speakerOfQuote: (pos: number) => string | null): Set<string> {
  const out = new Set<string>();
  const roleRanges: Array<{ key: string; start: number; end: number }> = [];
  for (const [key, roles] of frame.people.roles) for (const r of roles) roleRanges.push({ key, start: r.start, end: r.end });
  const text = frame.text;
  for (const m of frame.people.mentions) {
    if (m.start < clause.start || m.end > clause.end) continue;
    if (m.possessive) continue;
    // "an aide to Vladimir Putin": Putin is part of Ushakov's description.
    if (roleRanges.some((r) => r.key !== m.key && m.start >= r.start && m.end <= r.end)) continue;
    const after = text.slice(m.end, clause.end);
    // "report to Zelenskyy", "a plan by Trump": objects of other verbs do not take part.
    // "confirmed by Umerov, head of the Ukrainian negotiation delegation, after talks": the head
    // of a delegation speaking of the talks speaks from the table.
    const negotiator = leadsDelegation(personRole(frame, m.key));
    if (!negotiator && governedByPreposition(text.slice(Math.max(clause.start, m.start - 80), m.start))) continue;
    if (qualifiesInstitution(after)) continue;
    if (!negotiator && merelySpeaks(after, text.slice(clause.start, m.start))) continue;
    out.add(m.key);
  }
  // "met with the Russian dictator": a role that names someone introduced earlier.
  for (const m of clause.text.matchAll(ROLE_REFERENCE)) {
    const key = resolveRoleReference(frame, m[2]!, clause.start + m.index);
    if (key) out.add(key);
  }
  // "he would hold another meeting", "his first summit with ...": the pronoun's person.
  for (const key of pronounParticipants(frame, clause.start, clause.text)) out.add(key);
  const we = /\bwe\b/i.exec(clause.text);
  if (we && insideQuote(frame.quotes, clause.start + we.index)) {
    const key = speakerOfQuote(clause.start + we.index);
    if (key) out.add(key);
  }
  return out;
}

/** "three days after a meeting with Rubio": a clause dating the event by another, whose subject is in the main clause. */
export function opensWithAfter(clauseText: string): boolean {
  return /^(?:(?:\p{Ll}+|\d+)\s+(?:days?|weeks?|months?|hours?)\s+)?(?:after|before|following)\b/iu.test(clauseText);
}

/**
 * The participants of a clause's event, with "Umerov attends a briefing after a meeting with
 * Rubio": the main clause's subject met too.
 */
export function participantsOfClause(
  frame: ArticleFrame,
  sentence: Sentence,
  clause: Clause,
  speakerOfQuote: (pos: number) => string | null,
): Set<string> {
  const here = clauseParticipants(frame, clause, speakerOfQuote);
  if (opensWithAfter(clause.text) && clause.start > sentence.start) {
    const subject = subjectMention(frame, sentence, clause.start);
    if (subject) here.add(subject.key);
  }
  return here;
}

/** Of a clause's participants, those a segment names (all of them when the clause is one segment). */
export function participantsOfSegment(
  frame: ArticleFrame,
  here: Set<string>,
  seg: { start: number; end: number },
  oneSegment: boolean,
): string[] {
  if (oneSegment) return [...here];
  const inSegment = new Set(pronounParticipants(frame, seg.start, frame.text.slice(seg.start, seg.end)));
  return [...here].filter(
    (k) => inSegment.has(k) || frame.people.mentions.some((x) => x.key === k && x.start >= seg.start && x.end <= seg.end),
  );
}

/** The countries the participants are known for. */
export function sidesOfPeople(frame: ArticleFrame, keys: readonly string[]): CountryCode[] {
  return keys.map((k) => countryOfPerson(frame, k)).filter((c): c is CountryCode => c !== null);
}

/** "The two officers will speak again": the two people the article has just named. */
export function namesTwoPeople(text: string): boolean {
  return /\b(?:[Tt]he\s+two|[Bb]oth)\s+(?:[\p{Ll}-]+\s+)?(?:men|women|officers|officials|generals|commanders|envoys|negotiators|leaders|ministers|presidents|premiers|diplomats|counterparts|chiefs|heads)\b/u.test(
    text,
  );
}

/** After a name: "told state TV that the two sides had made progress", "said we agreed": speaking as one of the sides. */
export function reportsFromTheTable(afterName: string): boolean {
  return /^\s*(?:said|says|told\s+(?:[\p{L}]+\s+){1,2}|added|stressed)\s*(?:that\s+|,\s*)?(?:the\s+two\s+sides|both\s+sides|the\s+sides|we|our\s+(?:delegation|team|side))\s+(?:had|have|has|were|are|agreed|made|reached|discussed|will|would)\b/iu.test(
    afterName,
  );
}

const COMPANIONS =
  /\b(?:accompanied\s+by|joined\s+by|flanked\s+by|sat\s+(?:with|across|beside|next\s+to|alongside|at)|(?:was|were)\s+(?:also\s+)?(?:present|in\s+attendance)|also\s+(?:attended|took\s+part)|took\s+part)\b/;

/** "Putin was accompanied by Lavrov", "Waltz was also present": more people at the event just reported. */
export function namesCompanions(text: string): boolean {
  return COMPANIONS.test(text);
}

/**
 * Members of a negotiating team named in a sentence: those after "led by", "headed by", "the
 * delegation included", "Kyiv is sending", "joined by"; before "will represent Washington"; and
 * the subject of "led the Russian side".
 */
export function teamMembers(frame: ArticleFrame, s: Sentence): string[] {
  const out: string[] = [];
  const mentions = frame.people.mentions.filter(
    (m) => m.start >= s.start && m.end <= s.end && !m.possessive && !insideQuote(frame.quotes, m.start),
  );
  const after = (re: RegExp): void => {
    for (const m of s.text.matchAll(re)) {
      const from = s.start + m.index + m[0].length;
      const stop = s.text.slice(from - s.start).search(/;\s|\s(?:while|but|whereas|and\s+the)\s/);
      const to = stop < 0 ? s.end : from + stop;
      for (const x of mentions) if (x.start >= from && x.end <= to) out.push(x.key);
    }
  };
  after(/\b(?:led|headed|chaired|joined|accompanied|flanked)\s+by\s+/g);
  after(/\b(?:delegation|team)\s+(?:also\s+)?(?:includes|included|including|comprising|comprised|comprises)\s+/g);
  after(/\b(?:is|are|was|were|will\s+be)\s+sending\s+|\b(?:sent|will\s+send)\s+(?=\p{Lu})/gu);
  for (const m of s.text.matchAll(/\b(?:will\s+)?(?:represent|represents|represented)\s+(?:the\s+)?\p{Lu}/gu)) {
    for (const x of mentions) if (x.end <= s.start + m.index) out.push(x.key);
  }
  for (const m of s.text.matchAll(
    /\b(?:led|leads|headed|heads)\s+(?:the\s+)?\p{Lu}[\p{L}.'\u2019]*\s+(?:delegation|side|team|negotiators)\b/gu,
  )) {
    // The subject, past an appositive: "Vladimir Medinsky, an aide to President Putin, led the Russian side".
    const verbAt = s.start + m.index;
    const subject = mentions
      .filter((x) => x.end <= verbAt)
      .reverse()
      .find((x) => /^\s*(?:,[^,]{1,140},)?\s*(?:also\s+)?$/.test(frame.text.slice(x.end, verbAt)));
    if (subject) out.push(subject.key);
  }
  return out;
}

/** Within a week of the publication (or undated): the article's current talks. */
function isRecent(d: Draft, publishedAt: IsoDay | null): boolean {
  if (!d.date || !publishedAt) return true;
  const gap = (Date.parse(`${publishedAt}T00:00:00Z`) - Date.parse(`${d.date}T00:00:00Z`)) / 86_400_000;
  return Math.abs(gap) <= 7;
}

/**
 * The negotiating teams: people whose role says so, people the article says lead a team, and
 * people named as taking part in the article's current (undated or recent) events. The article's
 * current talks get the whole team of each side; an older meeting keeps the people it names.
 */
export function addDelegations(frame: ArticleFrame, drafts: Draft[], publishedAt: IsoDay | null): void {
  const delegates = new Set(frame.people.delegates);
  // (A meeting only planned, with no date, says nothing of who is at today's table.)
  for (const d of drafts)
    if (isLive(d.status) && isRecent(d, publishedAt) && (d.status === 'held' || d.date !== null))
      for (const k of d.explicit) delegates.add(k);
  for (const s of frame.sentences) for (const k of teamMembers(frame, s)) delegates.add(k);
  for (const d of drafts) {
    if (!isLive(d.status) || !isRecent(d, publishedAt)) continue;
    for (const side of d.sides) {
      for (const k of delegates) if (countryOfPerson(frame, k) === side && !d.participants.includes(k)) d.participants.push(k);
    }
  }
}

/** People of a sentence who can be at a table: not possessors, not inside a quotation. */
function plainMentions(frame: ArticleFrame, s: Sentence) {
  return frame.people.mentions.filter((m) => m.start >= s.start && m.end <= s.end && !m.possessive && !insideQuote(frame.quotes, m.start));
}

/**
 * "Araqchi told state TV that the two sides had made progress": a speaker who reports from the
 * table, right after a report of the talks in the same paragraph, sat at it.
 */
export function addSpeakersAtTheTable(frame: ArticleFrame, drafts: Draft[]): void {
  for (const s of frame.sentences) {
    const target = [...drafts]
      .reverse()
      .find(
        (d) =>
          d.status === 'held' &&
          d.date !== null &&
          d.sentence < s.index &&
          s.index - d.sentence <= 1 &&
          frame.sentences[d.sentence]?.paragraph === s.paragraph,
      );
    if (!target || drafts.some((d) => d.sentence === s.index)) continue;
    for (const m of plainMentions(frame, s)) {
      if (reportsFromTheTable(frame.text.slice(m.end, s.end)) && !target.participants.includes(m.key)) target.participants.push(m.key);
    }
  }
}

/**
 * "Rubio led the US team, joined by Waltz and Witkoff", "Putin was accompanied by Lavrov": the
 * people at the table of the event reported just before.
 */
export function addCompanions(frame: ArticleFrame, drafts: Draft[]): void {
  for (const s of frame.sentences) {
    if (!namesCompanions(s.text)) continue;
    const target = [...drafts]
      .reverse()
      .find((d) => isLive(d.status) && d.date !== null && d.sentence < s.index && s.index - d.sentence <= 2);
    if (!target || drafts.some((d) => d.sentence === s.index && isLive(d.status))) continue;
    for (const m of plainMentions(frame, s)) {
      if (!target.participants.includes(m.key)) target.participants.push(m.key);
    }
  }
}
