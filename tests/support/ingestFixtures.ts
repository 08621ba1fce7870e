// Short articles of our own wording about real diplomatic events, for ingest and dedup tests.

export const GENEVA_TALKS = [
  'Negotiators from the United States and Ukraine met in Geneva on Sunday to rework a draft peace framework that had drawn criticism in Kyiv and in several European capitals.',
  'The American delegation was led by Secretary of State Marco Rubio, while the Ukrainian side was headed by Andriy Yermak, who then led the presidential office.',
  'Both delegations described the session as productive and said a revised text would be shared with leaders in the following days.',
  'European national security advisers held separate consultations in the same city and pressed for changes to the provisions on territory and on the size of the armed forces.',
].join('\n\n');

/** The same report as GENEVA_TALKS as a syndication partner ran it: a new first sentence, a few words changed, the last paragraph cut. */
export const GENEVA_TALKS_SYNDICATED = [
  'Negotiators from the US and Ukraine met in Geneva on Sunday to rework a draft peace framework that had drawn criticism in Kyiv and in several European capitals.',
  'The American delegation was led by Secretary of State Marco Rubio, while the Ukrainian side was headed by Andriy Yermak, who at the time led the presidential office.',
  'Both delegations described the session as productive and said a revised text would be shared with leaders in the coming days.',
  'European national security advisers held separate consultations in the same city and pressed for changes to the provisions on territory.',
].join('\n\n');

/** A different article on the same story: the same facts in other words. */
export const GENEVA_TALKS_OTHER_OUTLET = [
  'Talks in Switzerland between Washington and Kyiv ended on Sunday evening with both sides saying the draft plan had been improved.',
  'Marco Rubio told reporters that the remaining disagreements were not insurmountable and that he expected the presidents to settle them.',
  'Andriy Yermak, heading the team sent by Kyiv, thanked the American negotiators and said Ukraine would never accept a deal that rewarded aggression.',
  'Diplomats from Britain, France and Germany were also in the city and met both delegations over the weekend, according to officials familiar with the talks.',
].join('\n\n');

export const ISTANBUL_TALKS = [
  'Delegations from Russia and Ukraine held their first direct talks in three years at the Dolmabahce Palace in Istanbul on May 16, 2025.',
  'The Ukrainian team was led by Defence Minister Rustem Umerov and the Russian team by presidential aide Vladimir Medinsky.',
  'The meeting lasted less than two hours and ended with an agreement to exchange a thousand prisoners of war from each side.',
].join('\n\n');

/** A news page around ISTANBUL_TALKS: navigation, share bar, caption, bio, "Most popular" and a trailing list of unrelated headlines. */
export function istanbulPage(
  options: { metaDate?: string; jsonLdDate?: string; timeDate?: string; dateline?: string; text?: string } = {},
): string {
  const paragraphs = (options.text ?? ISTANBUL_TALKS)
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Istanbul talks end with prisoner swap deal | Example News</title>
<meta property="og:title" content="Istanbul talks end with prisoner swap deal">
${options.metaDate ? `<meta property="article:published_time" content="${options.metaDate}">` : ''}
${options.jsonLdDate ? `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Example"},{"@type":"NewsArticle","headline":"x","datePublished":"${options.jsonLdDate}"}]}</script>` : ''}
</head><body>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/europe">Europe</a></li></ul></nav></header>
<main>
<article>
<h1>Istanbul talks end with prisoner swap deal</h1>
${options.timeDate ? `<time datetime="${options.timeDate}">published</time>` : ''}
${options.dateline ? `<div class="dateline">${options.dateline}</div>` : ''}
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<p class="byline">By Jane Reporter</p>
<figure><img src="/palace.jpg" alt=""><figcaption>The Ukrainian and Russian delegations facing each other across a table in Istanbul. (Photo: Example Agency)</figcaption></figure>
${paragraphs}
<p>Read more</p>
<div class="author-bio"><p>Jane Reporter is a senior correspondent covering Turkey and the Black Sea region.</p></div>
</article>
<section class="most-popular"><h2>Most Popular</h2><ol><li><a href="/a">Floods close schools across the north</a></li><li><a href="/b">Central bank holds interest rates</a></li><li><a href="/c">Football club names new coach</a></li></ol></section>
</main>
<div class="latest">
<h3>Latest</h3>
<div><a href="/d">Storm knocks out power on the coast</a><span>• 5:57 PM</span></div>
<div><a href="/e">Parliament passes the annual budget</a><span>• 4:10 PM</span></div>
<div><a href="/f">Tech firm announces layoffs</a><span>• 2:32 PM</span></div>
</div>
<footer><p>© Example News. All rights reserved.</p></footer>
</body></html>`;
}

/** An RSS 2.0 feed; items carry full text or only a summary, as configured. */
export function rssFeed(
  items: Array<{ title: string; link: string; description: string; content?: string; pubDate?: string; guid?: string }>,
): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example diplomacy</title><link>https://example.org/</link><description>Talks</description>
${items
  .map(
    (i) => `<item><title>${escape(i.title)}</title><link>${escape(i.link)}</link><guid>${escape(i.guid ?? i.link)}</guid>
${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}<description>${escape(i.description)}</description>
${i.content ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : ''}</item>`,
  )
  .join('\n')}
</channel></rss>`;
}

/** An Atom feed with full content. */
export function atomFeed(entries: Array<{ title: string; link: string; content: string; updated: string }>): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:example</id><updated>2025-05-17T00:00:00Z</updated>
${entries
  .map(
    (e) =>
      `<entry><title>${escape(e.title)}</title><link href="${escape(e.link)}"/><id>${escape(e.link)}</id><updated>${e.updated}</updated><published>${e.updated}</published><content type="html">${escape(e.content)}</content></entry>`,
  )
  .join('\n')}
</feed>`;
}
