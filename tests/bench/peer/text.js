// Text handling both peer engines share: tokens (Latin words, CJK bigrams),
// folding, and the plain text of an item's body.

export const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;
const CJK_RUNS = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]+|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]+/gu;
const WORDS = /[\p{L}\p{N}\p{M}]+/gu;

/** Lower-case and strip accents: "Société" → "societe". */
export const processTerm = (term) => term.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase() || null;

/**
 * Tokens of `text` with their UTF-16 spans: Latin runs of letters and digits
 * as words, each run of CJK characters as overlapping bigrams (a lone
 * character stays a unigram).
 * @param {string} text
 * @param {(term: string, start: number, end: number) => void} emit
 */
export function scan(text, emit) {
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

export function tokenize(text) {
  const out = [];
  scan(text, (t) => out.push(t));
  return out;
}

/** The folded tokens of `text`, for an index: folded once, not per token. */
export function foldedTokens(text) {
  const out = [];
  scan(processTerm(text) || '', (t) => out.push(t));
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
export function bodyText(item) {
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
