import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { articleFromPlainText, readTextArticle } from '../src/ingest/textFile.ts';
import { ISTANBUL_TALKS } from './support/ingestFixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-text-'));
function writeArticle(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const now = () => new Date('2025-06-01T10:00:00Z');

describe('readTextArticle', () => {
  it('reads the date header and drops the junk after it', async () => {
    const path = writeArticle(
      'header.txt',
      ` date 2025-05-16 Outlet logo\nWar\n\nRussia and Ukraine hold first direct talks in Istanbul\n\n2 min read\nAvatar\nby Jane Reporter\n${ISTANBUL_TALKS}\n`,
    );
    const a = await readTextArticle(path, { now });
    expect(a).toMatchObject({
      file: 'header.txt',
      url: null,
      publishedAt: '2025-05-16',
      publishedInferred: false,
      feedId: null,
      fetchedAt: '2025-06-01T10:00:00.000Z',
    });
    expect(a.title).toBe('Russia and Ukraine hold first direct talks in Istanbul');
    expect(a.text.startsWith('Delegations from Russia and Ukraine held')).toBe(true);
    expect(a.text).not.toMatch(/logo|Avatar|min read|Jane Reporter|^War$/m);
  });

  it('does not take an opening photo caption for the headline', async () => {
    const caption =
      'Delegations face each other across a table at the Dolmabahce Palace in Istanbul on May 16, 2025. (Photo: Example Agency)'.replace(
        '. (Photo',
        ' (Photo',
      );
    const a = articleFromPlainText(` date 2025-05-17\n${caption}\n\n${ISTANBUL_TALKS}`, { file: 'x.txt', url: null });
    expect(a.title).toBeNull();
    expect(a.text.startsWith(caption)).toBe(true);
  });

  it('keeps a sentence that follows the date on the header line', async () => {
    const a = await readTextArticle(writeArticle('inline.txt', ` date 2025-05-17 ${ISTANBUL_TALKS}`), { now });
    expect(a.publishedAt).toBe('2025-05-17');
    expect(a.text.startsWith('Delegations from Russia and Ukraine held their first direct talks')).toBe(true);
  });

  it('infers the date from a dateline when there is no header, and marks it inferred', async () => {
    const a = await readTextArticle(
      writeArticle(
        'dateline.txt',
        `Istanbul talks end with a prisoner swap deal\n\n• May 16, 2025, 6:40 PM\n3 min read\n\n${ISTANBUL_TALKS}`,
      ),
      { now },
    );
    expect(a).toMatchObject({ publishedAt: '2025-05-16', publishedInferred: true });
    expect(a.text).not.toContain('6:40 PM');
  });

  it.each([
    ['December 21, 2025', '2025-12-21'],
    ['21.12.2025', '2025-12-21'],
    ['Published 3 March 2025 at 09:15 CET', '2025-03-03'],
  ])('reads the dateline "%s"', async (line, day) => {
    const a = articleFromPlainText(`Ministers meet again in Riyadh for another day\n${line}\n\n${ISTANBUL_TALKS}`, {
      file: 'x.txt',
      url: null,
    });
    expect(a.publishedAt).toBe(day);
    expect(a.publishedInferred).toBe(true);
  });

  it('leaves the date null when neither a header nor a dateline gives it (dates inside sentences are events, not publication)', async () => {
    const a = await readTextArticle(writeArticle('nodate.txt', ISTANBUL_TALKS), { now });
    expect(a.publishedAt).toBeNull();
    expect(a.publishedInferred).toBe(false);
    expect(a.title).toBeNull();
  });

  it('decodes a Windows-1252 file', async () => {
    const a = await readTextArticle(
      writeArticle(
        'latin.txt',
        iconv.encode(
          `Talks in Genève\n\nThe delegations met in Genève, at the Hôtel Intercontinental, on Sunday to discuss a revised peace framework for Ukraine.`,
          'windows-1252',
        ),
      ),
      { now },
    );
    expect(a.text).toContain('Hôtel Intercontinental');
  });

  it('fails with the path when the file is missing or has no article text', async () => {
    await expect(readTextArticle(join(dir, 'missing.txt'))).rejects.toThrow(/missing\.txt/);
    await expect(readTextArticle(writeArticle('empty.txt', ' date 2025-05-16\nRead more\nAvatar\n'))).rejects.toThrow(
      /empty\.txt: no article text/,
    );
  });
});
