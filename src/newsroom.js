// Newsroom's entry point: the one script a page includes.
//
//   <link rel="stylesheet" href="/assets/newsroom/newsroom.css">
//   <script type="module" src="/assets/newsroom/newsroom.js"></script>
//   <div data-newsroom data-src="/news/feed.json"></div>
//
// It loads one of two modules, each of which finds its _bg.wasm next to
// itself (relative to its own URL), so the folder can be served from any
// path or CDN:
// - newsroom-headlines.js, a small one, while every [data-newsroom] element
//   on the page is a compact headline list (data-layout="compact"): this
//   script marks each such element (MARK) and gives it to that module;
// - newsroom-app.js, the app, as soon as any other element is there, now or
//   added later. It renders every element without the mark, and one whose
//   mark the headlines module removed: a list it hands over (for a
//   pre-built archive's category, or a feed only the app's reader reads).
const SELECTOR = '[data-newsroom]';
const MARK = 'data-newsroom-headlines';

let app;
let headlines;
const given = new WeakSet();

function startApp() {
  observer.disconnect();
  app ??= import('./newsroom-app.js').then(async ({ default: init }) => {
    const wasm = await init();
    // For measurements (`make bench` reads the wasm memory size); nothing depends on it.
    dispatchEvent(new CustomEvent('newsroom:started', { detail: { wasm } }));
  });
}

// The attributes the app reads the same way: a compact list, not on a built site's page.
const headlineList = (el) => el.getAttribute('data-layout')?.trim() === 'compact' && !el.hasAttribute('data-site');

function found(root) {
  if (app || !(root instanceof Element)) return;
  const els = [...(root.matches(SELECTOR) ? [root] : []), ...root.querySelectorAll(SELECTOR)].filter((el) => !given.has(el));
  if (!els.length) return;
  if (!els.every(headlineList)) return startApp();
  for (const el of els) {
    given.add(el);
    el.setAttribute(MARK, '');
  }
  headlines ??= import('./newsroom-headlines.js').then(async (module) => {
    await module.default();
    return module;
  });
  headlines.then((module) => els.forEach((el) => module.mount(el)));
}

const observer = new MutationObserver((records) => {
  for (const r of records) {
    // A list handed over to the app.
    if (r.type === 'attributes') {
      if (!r.target.hasAttribute(MARK)) startApp();
      continue;
    }
    // Our own rendering adds nodes all the time; it never adds mount elements.
    if (r.target.closest?.('.newsroom')) continue;
    r.addedNodes.forEach(found);
  }
});
observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: [MARK] });
found(document.documentElement);
