import { describe, expect, it } from 'vitest';
import { articleFromHtml, blockText, NoArticleTextError, pagePublicationDate } from '../src/ingest/html.ts';
import { parseHTML } from 'linkedom';
import { GENEVA_TALKS, ISTANBUL_TALKS, istanbulPage } from './support/ingestFixtures.ts';

const source = { url: 'https://news.example/istanbul', file: null };
const documentOf = (html: string) => parseHTML(html).document as unknown as Parameters<typeof pagePublicationDate>[0];

describe('articleFromHtml', () => {
  it('keeps the article and its caption, and drops navigation, share bar, bio, "Most Popular" and the latest-headlines list', () => {
    const article = articleFromHtml(istanbulPage({ metaDate: '2025-05-16T15:00:00+03:00' }), source);
    expect(article.title).toBe('Istanbul talks end with prisoner swap deal');
    expect(article.publishedAt).toBe('2025-05-16');
    expect(article.text.split('\n\n')).toEqual([
      'The Ukrainian and Russian delegations facing each other across a table in Istanbul. (Photo: Example Agency)',
      ...ISTANBUL_TALKS.split('\n\n'),
    ]);
  });

  it('reads a page whose markup is broken (unclosed tags, stray end tags)', () => {
    const broken = `<html><head><title>Geneva</title><body><div><p>${GENEVA_TALKS.split('\n\n').join('<p>')}</span></div></div>`;
    const article = articleFromHtml(broken, source);
    expect(article.text).toContain('Marco Rubio');
    expect(article.text.split('\n\n')).toHaveLength(4);
  });

  it('fails clearly on a page without article text', () => {
    expect(() =>
      articleFromHtml('<html><body><nav><ul><li><a href="/">Home</a></li></ul></nav><footer>©</footer></body></html>', source),
    ).toThrow(NoArticleTextError);
    expect(() => articleFromHtml('', source)).toThrow('no article text found in https://news.example/istanbul');
  });

  it('takes title and date from the feed when given, over the page', () => {
    const article = articleFromHtml(istanbulPage({ metaDate: '2025-05-16' }), {
      ...source,
      title: 'Prisoner swap agreed',
      publishedAt: '2025-05-17',
    });
    expect(article).toMatchObject({ title: 'Prisoner swap agreed', publishedAt: '2025-05-17', publishedInferred: false });
  });

  it('takes the title from <title> without the site name when there is no better one', () => {
    const page = `<html><head><title>Geneva talks end without a deal | Example News</title></head><body><article>${GENEVA_TALKS.split(
      '\n\n',
    )
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></body></html>`;
    expect(articleFromHtml(page, source).title).toBe('Geneva talks end without a deal');
  });

  it('turns a bare fragment (a feed item body) into paragraphs', () => {
    const article = articleFromHtml(
      GENEVA_TALKS.split('\n\n')
        .map((p) => `<p>${p}</p>`)
        .join(''),
      { url: null, file: null },
    );
    expect(article.text).toBe(GENEVA_TALKS);
  });
});

describe('pagePublicationDate', () => {
  it('prefers article:published_time, then JSON-LD, then other meta tags, then <time datetime>', () => {
    expect(
      pagePublicationDate(
        documentOf(
          '<head><meta property="article:published_time" content="2025-05-16T10:00:00Z"><meta name="date" content="2025-01-01"></head>',
        ),
      ),
    ).toBe('2025-05-16');
    expect(
      pagePublicationDate(
        documentOf('<head><script type="application/ld+json">[{"@type":"NewsArticle","datePublished":"2025-05-15"}]</script></head>'),
      ),
    ).toBe('2025-05-15');
    expect(pagePublicationDate(documentOf('<head><meta name="parsely-pub-date" content="2025-05-14T08:00:00Z"></head>'))).toBe(
      '2025-05-14',
    );
    expect(pagePublicationDate(documentOf('<body><article><time datetime="2025-05-13">Tuesday</time></article></body>'))).toBe(
      '2025-05-13',
    );
  });
  it('survives broken JSON-LD and finds nothing where there is nothing', () => {
    expect(
      pagePublicationDate(
        documentOf('<head><script type="application/ld+json">{ broken</script></head><body><time datetime="2025-05-12">x</time></body>'),
      ),
    ).toBe('2025-05-12');
    expect(pagePublicationDate(documentOf('<p>no dates</p>'))).toBeNull();
  });
});

describe('blockText', () => {
  it('gives one paragraph per block and one per <br>-separated line', () => {
    const { document } = parseHTML(
      '<div><h2>Heading</h2><p>First <b>bold</b> line<br>second line</p><ul><li>item</li></ul><script>var x</script></div>',
    );
    expect(blockText(document as never)).toBe('Heading\n\nFirst bold line\n\nsecond line\n\nitem');
  });
});
