// The peer's MiniSearch engine: every term must match (AND), the last term
// is a prefix; title boosted over summary/tags/category over the body;
// results by BM25, ties newest first.

import MiniSearch from './minisearch.js';
import { CJK, bodyText, processTerm, tokenize } from './text.js';

/**
 * Indexes `docs` in chunks (the page stays responsive).
 * @returns {Promise<(query: string, keep: (doc) => boolean) => { ids: number[], mark: (term: string) => boolean | number }[]>}
 */
export async function build(docs) {
  const mini = new MiniSearch({
    idField: 'n',
    fields: ['title', 'summary', 'body', 'tags', 'category'],
    storeFields: [],
    extractField: (doc, field) => {
      switch (field) {
        case 'body': return bodyText(doc.item);
        case 'tags': return doc.tags.join(' ');
        default: return doc[field];
      }
    },
    tokenize,
    processTerm,
    searchOptions: {
      combineWith: 'AND',
      prefix: (term, i, terms) => i === terms.length - 1,
      fuzzy: false,
      boost: { title: 8, summary: 3, tags: 3, category: 3, body: 1 },
    },
  });
  await mini.addAllAsync(docs, { chunkSize: 250 });
  return (query, keep) => {
    const terms = tokenize(query).map(processTerm).filter(Boolean);
    if (!terms.length) return null;
    const hits = mini.search(query, keep ? { filter: (r) => keep(docs[r.id]) } : undefined);
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    return hits.map((h) => {
      // The document terms MiniSearch matched; a CJK bigram found through a
      // shorter prefix (铬 → 铬盐) marks only that prefix.
      const matched = new Set(h.terms);
      const mark = (term) => {
        if (!matched.has(term)) return false;
        if (!CJK.test(term[0]) || terms.includes(term)) return true;
        const prefix = terms.filter((q) => term.startsWith(q)).sort((a, b) => b.length - a.length)[0];
        return prefix ? prefix.length : true;
      };
      return { id: h.id, mark };
    });
  };
}
