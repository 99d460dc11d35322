// The peer's FlexSearch engine: a Document index over title, summary
// (with tags and category) and body text, tokenize "forward" (every prefix
// of a term is indexed, so every query term matches as a prefix), and an
// encoder of our own: Latin words folded (lower case, no accents), CJK runs
// as overlapping bigrams, as the MiniSearch engine tokenises. FlexSearch's
// own CJK charset splits into single characters, which would find 铬盐生产
// scattered over a text.
//
// A Document search ANDs the terms within one field; Newsroom and the
// MiniSearch peer AND them over the whole article. So each term is searched
// on its own (merged over the fields) and the id lists intersected: the
// same matches as theirs for the bench's queries. Results keep FlexSearch's
// order for the first term; the count needs every match, so no limit.

import { Document } from './flexsearch.js';
import { CJK, bodyText, foldedTokens } from './text.js';

const CHUNK = 250;

export async function build(docs) {
  const index = new Document({
    document: { id: 'n', index: ['title', 'summary', 'text'] },
    tokenize: 'forward',
    encoder: { encode: foldedTokens },
  });
  for (let i = 0; i < docs.length; i += CHUNK) {
    for (const d of docs.slice(i, i + CHUNK)) {
      index.add({ n: d.n, title: d.title, summary: [d.summary, ...d.tags, d.category].join('\n'), text: bodyText(d.item) });
    }
    await new Promise((r) => setTimeout(r, 0));
  }
  const limit = Math.max(1, docs.length);
  return (query, keep) => {
    const terms = [...new Set(foldedTokens(query))];
    if (!terms.length) return null;
    let ids = null;
    for (const term of terms) {
      const found = index.search(term, { limit, merge: true }).map((r) => r.id);
      if (ids == null) ids = found;
      else {
        const has = new Set(found);
        ids = ids.filter((id) => has.has(id));
      }
      if (!ids.length) break;
    }
    ids = ids || [];
    if (keep) ids = ids.filter((id) => keep(docs[id]));
    // Forward tokens: a term matches where a query term is its prefix; a
    // CJK bigram found through one character marks that character.
    const mark = (term) => {
      const q = terms.filter((t) => term.startsWith(t)).sort((a, b) => b.length - a.length)[0];
      if (!q) return false;
      return CJK.test(term[0]) && q.length < term.length ? q.length : true;
    };
    return ids.map((id) => ({ id, mark }));
  };
}
