// The change log (the alert outbox) is written by the merge in the merge's own transaction: a
// merge that commits leaves exactly its changes, one that rolls back leaves none, and applying
// the same articles again changes nothing and logs nothing.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteMergeBackend } from '../src/store/sqlite/mergeTransaction.ts';
import { extractPending } from '../src/merge/process.ts';
import { eventChange } from '../src/merge/changeLog.ts';
import { alertKindsOf } from '../src/store/sqlite/alerts.ts';
import { AlertHarness, article } from './support/alertHarness.ts';

let h: AlertHarness;
afterEach(async () => {
  await h?.close();
});

function changes(path: string) {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return db
      .prepare('SELECT event_id, created, from_status, to_status, added_people_json, article_id FROM event_changes ORDER BY id')
      .all();
  } finally {
    db.close();
  }
}

describe('the change log', () => {
  it('records a new talk, then a status change and who joined, each with the merge that made it', async () => {
    h = await AlertHarness.start();
    await h.ingest({
      name: 'plan.txt',
      text: article({
        published: '2026-11-02',
        headline: 'Envoys to meet in Bern',
        body: 'Armenian and Azerbaijani envoys will hold talks in Bern on Thursday, the Swiss foreign ministry said.',
      }),
    });
    await h.ingest({
      name: 'held.txt',
      text: article({
        published: '2026-11-06',
        headline: 'Bern talks held',
        body: 'Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun Bayramov held talks in Bern on Thursday, the Swiss foreign ministry said.',
      }),
    });
    const log = changes(h.temp.path) as Array<{
      event_id: number;
      created: number;
      from_status: string | null;
      to_status: string;
      added_people_json: string;
      article_id: number;
    }>;
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({ created: 1, from_status: null, to_status: 'planned', article_id: 1 });
    expect(log[1]).toMatchObject({ event_id: log[0]!.event_id, created: 0, from_status: 'planned', to_status: 'held', article_id: 2 });
    expect(JSON.parse(log[1]!.added_people_json)).toHaveLength(2);

    // Re-extracting everything changes nothing a reader sees, so nothing is logged.
    await h.store.articles.resetExtraction();
    await extractPending(h.store, h.config.current());
    expect(changes(h.temp.path)).toHaveLength(2);
  });

  it('a merge that rolls back leaves no change behind', async () => {
    h = await AlertHarness.start();
    const db = new BetterSqlite3(h.temp.path);
    try {
      const backend = new SqliteMergeBackend(db);
      await expect(
        backend.mergeTransaction(async (tx) => {
          await tx.recordEventChange(eventChange(1, 1, null, { status: 'held', participants: [] }));
          throw new Error('the merge failed half way');
        }),
      ).rejects.toThrow('half way');
    } finally {
      db.close();
    }
    expect(changes(h.temp.path)).toHaveLength(0);
  });

  it('turns changes into alert kinds', () => {
    const kinds = (
      before: { status: 'held' | 'planned' | 'cancelled'; participants: number[] } | null,
      after: { status: 'held' | 'planned' | 'cancelled'; participants: number[] },
    ) => alertKindsOf(eventChange(1, 1, before, after));
    expect(kinds(null, { status: 'held', participants: [1] })).toEqual(['held']);
    expect(kinds(null, { status: 'planned', participants: [] })).toEqual(['planned']);
    expect(kinds(null, { status: 'cancelled', participants: [] })).toEqual(['status']);
    expect(kinds({ status: 'planned', participants: [1] }, { status: 'held', participants: [1, 2] })).toEqual(['status', 'participants']);
    expect(kinds({ status: 'held', participants: [1] }, { status: 'cancelled', participants: [1] })).toEqual(['status']);
    // A new source alone is no alert: it only edits the messages already posted.
    expect(kinds({ status: 'held', participants: [1, 2] }, { status: 'held', participants: [2, 1] })).toEqual([]);
  });
});
