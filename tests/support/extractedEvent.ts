// An extracted event with every field filled (UA-US talks held in Miami on 19 December 2025),
// for merge and timeline tests that change only what they are about.
import type { ExtractedEvent } from '../../src/domain/types.ts';

export function extractedEvent(over: Partial<ExtractedEvent> = {}): ExtractedEvent {
  return {
    kind: 'talks',
    status: 'held',
    date: '2025-12-19',
    dateTo: null,
    approx: false,
    location: { city: 'Miami', country: 'US' },
    sides: ['UA', 'US'],
    participantKeys: [],
    evidence: 'evidence',
    summary: 'summary',
    ...over,
  };
}
