// The bench's peer: the same news page as Newsroom, in plain JavaScript with
// MiniSearch, or with FlexSearch at `?engine=flexsearch` (each engine in a
// module of its own), no framework and no build step. It follows Newsroom's
// DOM contract (class names, count text, <mark> in titles and teasers) so
// that the bench measures all pages with the same scripts.
//
// Flow: fetch feed.json next to the page, JSON.parse, render the ten newest
// cards at once (a scan of the parsed items: no index yet), then build the
// index in chunks (the page stays responsive) and set window.__peerReady.
// Every `input` of the search box and every `change` of the category filter
// re-renders synchronously.
//
// Query semantics, as close to Newsroom's as the engines allow: every term
// must match (AND), the last term is a prefix (FlexSearch: every term),
// case-insensitive and accent-folded; Chinese runs become overlapping
// character bigrams (a lone character stays a unigram), so 铬盐 finds
// 铬盐生产线 — but the bigrams of a longer query need not be adjacent in the
// document, unlike Newsroom's substring match.
//
// Differences from Newsroom, on purpose or by the engines' nature:
// - Sort: newest first without a query; with a query, the engine's best match
//   first. Newsroom sorts newest first by default even with a query, so the
//   ten cards shown differ, but all pages sort the whole matching set.
// - Only the category filter (no tag or year filter), no facet counts in the
//   options, no "Show more", no article view, no URL state or history.

import { bodyText, processTerm, scan } from './text.js';

// The search engine, by `?engine=`: minisearch (the default) or flexsearch.
// Loaded before the page starts, as a static import would be.
const ENGINES = { minisearch: './minisearch-engine.js', flexsearch: './flexsearch-engine.js' };
const engineName = new URLSearchParams(location.search).get('engine') || 'minisearch';
const engine = await import(ENGINES[engineName] || ENGINES.minisearch);

const PAGE_SIZE = 10;

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
 * `text` as nodes, with matched terms wrapped in <mark>. `mark(term)` says
 * whether a folded token is a match: true for the whole token, a number for
 * only that many of its first code units.
 */
function highlighted(text, mark) {
  if (!mark) return [text];
  const ranges = [];
  scan(text, (t, start, end) => {
    const term = processTerm(t);
    const hit = term && mark(term);
    if (!hit) return;
    ranges.push([start, hit === true ? end : Math.min(end, start + hit)]);
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

function card(doc, mark) {
  const day = doc.date.slice(0, 10);
  const [y, m, d] = day.split('-').map(Number);
  const props = { class: 'newsroom__card', 'data-id': doc.id };
  if (doc.item.language) props.lang = doc.item.language;
  const text = teaser(doc);
  return el('article', props,
    el('h2', { class: 'newsroom__card-title' },
      el('a', { class: 'newsroom__card-link', href: `?nr-article=${encodeURIComponent(doc.id)}` }, ...highlighted(doc.title, mark))),
    el('div', { class: 'newsroom__meta newsroom__card-meta' },
      el('time', { datetime: day, text: dateFormat.format(new Date(Date.UTC(y, m - 1, d))) }),
      doc.category ? el('span', { class: 'newsroom__card-category', text: doc.category }) : null,
      doc.tags.length ? el('ul', { class: 'newsroom__card-tags', 'aria-label': 'Tags' }, ...doc.tags.map((t) => el('li', { text: t }))) : null),
    text ? el('p', { class: 'newsroom__card-summary' }, ...highlighted(text, mark)) : null);
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

  const box = el('input', { type: 'search', class: 'newsroom__search', autocomplete: 'off', placeholder: 'Search by word, name or topic' });
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
      el('label', { class: 'newsroom__field newsroom__field--search' }, el('span', { class: 'newsroom__label', text: 'Search news' }), box),
      el('label', { class: 'newsroom__field' }, el('span', { class: 'newsroom__label', text: 'Category' }), filter),
      el('div', { class: 'newsroom__status' }, count, status)),
    results);

  let search = null;

  function render() {
    const category = filter.value;
    const query = box.value;
    const hits = search ? search(query, category ? (d) => d.category === category : null) : null;
    let found;
    let shown;
    if (!hits) {
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
      found = hits.length;
      shown = hits.slice(0, PAGE_SIZE).map((h) => [docs[h.id], h.mark]);
    }
    count.textContent = `${found} of ${total} ${total === 1 ? 'article' : 'articles'}`;
    if (found === 0) {
      results.replaceChildren(el('div', { class: 'newsroom__empty' }, el('p', { text: 'No articles match your search and filters.' })));
    } else {
      results.replaceChildren(...shown.map(([d, match]) => card(d, match)));
    }
  }

  box.addEventListener('input', render);
  filter.addEventListener('change', render);
  render();

  // Let the first cards reach the screen before indexing.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  search = await engine.build(docs);
  status.remove();
  if (box.value.trim()) render();
  window.__peerReady = true;
}

main().catch((err) => {
  console.error(err);
  window.__peerError = String(err && err.stack || err);
});
