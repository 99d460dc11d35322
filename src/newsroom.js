// Newsroom's entry point, the one script a page includes. Compact lists
// only: the small headlines module renders them (marked MARK); any other
// element, now or later, loads the app, which renders every unmarked one
// (README: "What a page loads"). Each module finds its wasm next to itself.
const SELECTOR = '[data-newsroom]';
const MARK = 'data-newsroom-headlines';
const given = new WeakSet();
let app;
let headlines;

function startApp() {
  observer.disconnect();
  app ??= import('./newsroom-app.js').then(async ({ default: init }) => {
    const wasm = await init();
    // For `make bench` (the wasm memory size); nothing depends on it. Found
    // by its kind: the release build gives exports one-letter names.
    const memory = Object.values(wasm).find((v) => v instanceof WebAssembly.Memory);
    dispatchEvent(new CustomEvent('newsroom:started', { detail: { memory } }));
  });
}

// Read as the app reads them: compact, and not on a page `newsroom build` wrote.
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
    if (r.type === 'attributes') {
      if (!r.target.hasAttribute(MARK)) startApp();
    } else if (!r.target.closest?.('.newsroom')) {
      // Not our own rendering, which adds no mount elements.
      r.addedNodes.forEach(found);
    }
  }
});
observer.observe(document.documentElement, { childList: true, subtree: true, attributeFilter: [MARK] });
found(document.documentElement);
