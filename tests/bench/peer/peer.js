// The bench's peer: the same news page as Newsroom, in plain JavaScript with
// MiniSearch, no framework and no build step. It follows Newsroom's DOM
// contract (class names, count text, <mark> in titles and teasers) so that the
// bench measures both pages with the same scripts.
//
// Flow: fetch feed.json next to the page, JSON.parse, render the ten newest
// cards at once, then build the MiniSearch index in chunks (the page stays
// responsive) and set window.__peerReady. Every `input` of the search box and
// every `change` of the category filter re-renders synchronously.
//
// Query semantics, as close to Newsroom's as MiniSearch allows: every term must
// match (AND), the last term is a prefix, case-insensitive and accent-folded;
// Chinese runs become overlapping character bigrams (a lone character stays a
// unigram), so 铬盐 finds 铬盐生产线 — but the bigrams of a longer query need
// not be adjacent in the document, unlike Newsroom's substring match. Title is
// boosted over summary/tags/category over the body.
//
// Differences from Newsroom, on purpose or by MiniSearch's nature:
// - Sort: newest first without a query; best match (BM25, ties newest first)
//   with a query. Newsroom sorts newest first by default even with a query, so
//   the ten cards shown differ, but both pages sort the whole matching set.
// - Only the category filter (no tag or year filter), no facet counts in the
//   options, no "Show more", no article view, no URL state or history.

import MiniSearch from './minisearch.js';

const PAGE_SIZE = 10;
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;
const CJK_RUNS = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]+|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]+/gu;
const WORDS = /[\p{L}\p{N}\p{M}]+/gu;

/** Lower-case and strip accents: "Société" → "societe". */
const processTerm = (term) => term.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase() || null;

/**
 * Tokens of `text` with their UTF-16 spans: Latin runs of letters and digits
 * as words, each run of CJK characters as overlapping bigrams.
 * @param {string} text
 * @param {(term: string, start: number, end: number) => void} emit
 */
function scan(text, emit) {
  WORDS.lastIndex = 0;
  for (let m; (m = WORDS.exec(text));) {
    const run = m[0];
    if (!CJK.test(run)) {
      emit(run, m.index, m.index + run.length);
      continue;
    }
    CJK_RUNS.lastIndex = 0;
    for (let p; (p = CJK_RUNS.exec(run));) {
      const part = p[0];
      const at = m.index + p.index;
      if (!CJK.test(part[0])) {
        emit(part, at, at + part.length);
        continue;
      }
      const chars = Array.from(part);
      if (chars.length === 1) {
        emit(part, at, at + part.length);
        continue;
      }
      let offset = at;
      for (let i = 0; i + 1 < chars.length; i++) {
        const w = chars[i].length;
        emit(chars[i] + chars[i + 1], offset, offset + w + chars[i + 1].length);
        offset += w;
      }
    }
  }
}

function tokenize(text) {
  const out = [];
  scan(text, (t) => out.push(t));
  return out;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s) => s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e) => {
  if (e[0] === '#') {
    const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(n) ? String.fromCodePoint(n) : all;
  }
  return ENTITIES[e.toLowerCase()] ?? all;
});

/** Plain text of an item's body; paragraphs separated by blank lines. */
function bodyText(item) {
  if (typeof item.content_html === 'string') {
    return decode(item.content_html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<\/(p|li|ul|ol|h\d|blockquote|pre|div)>/gi, '\n\n')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, ' '))
      .replace(/[ \t]+/g, ' ')
      .replace(/\s*\n\s*\n\s*/g, '\n\n')
      .trim();
  }
  return typeof item.content_text === 'string' ? item.content_text.trim() : '';
}

function teaser(doc) {
  if (doc.summary) return doc.summary;
  return bodyText(doc.item).split(/\n\s*\n/)[0] || '';
}

const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...children.filter((c) => c != null));
  return e;
};

/**
 * `text` as nodes, with matched terms wrapped in <mark>. `match.terms` are the
 * document terms MiniSearch matched, `match.query` the query's terms: a CJK
 * bigram found through a shorter prefix (铬 → 铬盐) marks only that prefix.
 */
function highlighted(text, match) {
  if (!match || match.terms.size === 0) return [text];
  const ranges = [];
  scan(text, (t, start, end) => {
    const term = processTerm(t);
    if (!match.terms.has(term)) return;
    if (CJK.test(term[0]) && !match.query.includes(term)) {
      const prefix = match.query.filter((q) => term.startsWith(q)).sort((a, b) => b.length - a.length)[0];
      if (prefix) end = start + prefix.length;
    }
    ranges.push([start, end]);
  });
  if (!ranges.length) return [text];
  const out = [];
  let at = 0;
  let i = 0;
  while (i < ranges.length) {
    let [start, end] = ranges[i++];
    while (i < ranges.length && ranges[i][0] <= end) end = Math.max(end, ranges[i++][1]);
    if (start > at) out.push(text.slice(at, start));
    out.push(el('mark', { text: text.slice(start, end) }));
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

function card(doc, match) {
  const day = doc.date.slice(0, 10);
  const [y, m, d] = day.split('-').map(Number);
  const props = { class: 'newsroom__card', 'data-id': doc.id };
  if (doc.item.language) props.lang = doc.item.language;
  const text = teaser(doc);
  return el('article', props,
    el('h2', { class: 'newsroom__card-title' },
      el('a', { class: 'newsroom__card-link', href: `?nr-article=${encodeURIComponent(doc.id)}` }, ...highlighted(doc.title, match))),
    el('div', { class: 'newsroom__meta newsroom__card-meta' },
      el('time', { datetime: day, text: dateFormat.format(new Date(Date.UTC(y, m - 1, d))) }),
      doc.category ? el('span', { class: 'newsroom__card-category', text: doc.category }) : null,
      doc.tags.length ? el('ul', { class: 'newsroom__card-tags', 'aria-label': 'Tags' }, ...doc.tags.map((t) => el('li', { text: t }))) : null),
    text ? el('p', { class: 'newsroom__card-summary' }, ...highlighted(text, match)) : null);
}

async function main() {
  const root = document.querySelector('[data-newsroom]');
  root.classList.add('newsroom');
  root.replaceChildren(el('p', { class: 'newsroom__loading', text: 'Loading news…' }));

  let feed;
  try {
    const res = await fetch(new URL('feed.json', document.baseURI), { cache: 'no-store' });
    if (!res.ok) throw new Error(`feed.json: ${res.status} ${res.statusText}`);
    feed = JSON.parse(await res.text());
  } catch (err) {
    root.replaceChildren(el('div', { class: 'newsroom__error', role: 'alert' },
      el('p', { class: 'newsroom__error-message', text: String(err.message || err) })));
    return;
  }

  // Documents, newest first: a document's `n` is its rank by date, so "ties
  // newest first" is "smaller n first".
  const seen = new Set();
  const docs = [];
  for (const item of Array.isArray(feed.items) ? feed.items : []) {
    if (!item || typeof item.id !== 'string' || !item.id || seen.has(item.id) || typeof item.title !== 'string') continue;
    const date = typeof item.date_published === 'string' ? item.date_published : item.date_modified;
    const time = typeof date === 'string' ? Date.parse(date) : NaN;
    if (Number.isNaN(time)) continue;
    seen.add(item.id);
    docs.push({
      n: 0,
      id: item.id,
      item,
      title: item.title,
      summary: typeof item.summary === 'string' ? item.summary : '',
      category: typeof item._newsroom?.category === 'string' ? item._newsroom.category : '',
      tags: Array.isArray(item.tags) ? item.tags.filter((t) => typeof t === 'string') : [],
      date,
      time,
    });
  }
  docs.sort((a, b) => b.time - a.time);
  docs.forEach((d, i) => { d.n = i; });
  const total = docs.length;
  const categories = [...new Set(docs.map((d) => d.category).filter(Boolean))].sort();

  const search = el('input', { type: 'search', class: 'newsroom__search', autocomplete: 'off', placeholder: 'Search by word, name or topic' });
  const filter = el('select', { class: 'newsroom__filter', name: 'category' },
    el('option', { value: '', text: 'All categories' }),
    ...categories.map((c) => el('option', { value: c, text: c })));
  const count = el('p', { class: 'newsroom__count', 'aria-live': 'polite' });
  const status = el('p', { class: 'newsroom__indexing', text: 'Preparing search…' });
  const results = el('div', { class: 'newsroom__results' });
  root.replaceChildren(
    el('header', { class: 'newsroom__header' },
      el('h1', { text: typeof feed.title === 'string' ? feed.title : 'News' }),
      typeof feed.description === 'string' ? el('p', { class: 'newsroom__description', text: feed.description }) : null),
    el('div', { class: 'newsroom__toolbar', role: 'search' },
      el('label', { class: 'newsroom__field newsroom__field--search' }, el('span', { class: 'newsroom__label', text: 'Search news' }), search),
      el('label', { class: 'newsroom__field' }, el('span', { class: 'newsroom__label', text: 'Category' }), filter),
      el('div', { class: 'newsroom__status' }, count, status)),
    results);

  let index = null;

  function render() {
    const category = filter.value;
    const query = search.value;
    const terms = index ? tokenize(query).map(processTerm).filter(Boolean) : [];
    let found;
    let shown;
    if (terms.length === 0) {
      // No query (or not searchable yet): newest first, filtered.
      if (category) {
        found = 0;
        shown = [];
        for (const d of docs) {
          if (d.category !== category) continue;
          if (found++ < PAGE_SIZE) shown.push([d, null]);
        }
      } else {
        found = total;
        shown = docs.slice(0, PAGE_SIZE).map((d) => [d, null]);
      }
    } else {
      const hits = index.search(query, category ? { filter: (r) => docs[r.id].category === category } : undefined);
      hits.sort((a, b) => b.score - a.score || a.id - b.id);
      found = hits.length;
      shown = hits.slice(0, PAGE_SIZE).map((h) => [docs[h.id], { terms: new Set(h.terms), query: terms }]);
    }
    count.textContent = `${found} of ${total} ${total === 1 ? 'article' : 'articles'}`;
    if (found === 0) {
      results.replaceChildren(el('div', { class: 'newsroom__empty' }, el('p', { text: 'No articles match your search and filters.' })));
    } else {
      results.replaceChildren(...shown.map(([d, match]) => card(d, match)));
    }
  }

  search.addEventListener('input', render);
  filter.addEventListener('change', render);
  render();

  // Let the first cards reach the screen before indexing.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
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
  index = mini;
  status.remove();
  if (search.value.trim()) render();
  window.__peerReady = true;
}

main().catch((err) => {
  console.error(err);
  window.__peerError = String(err && err.stack || err);
});
