// End-to-end tests of Newsroom embedded in a host website: the host pages in
// tests/e2e/host/ have loud global CSS, their own links and script, and are
// served with a strict Content-Security-Policy; Newsroom's files live in a
// folder of their own (/assets/newsroom/) and the news page under a sub-path.

import { expect, test } from './fixtures.mjs';

// Installed before any page script: records CSP violations and the host's history length.
const PROBE = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  window.__historyAtStart = history.length;
};

/** CSP violations, from the page's events and its console. */
let cspLog = [];
test.beforeEach(async ({ page }) => {
  cspLog = [];
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) cspLog.push(m.text()); });
  await page.addInitScript(PROBE);
});
const cspViolations = async (page) => [...(await page.evaluate(() => window.__csp)), ...cspLog];

const count = (page, root) => page.evaluate((root) => document.querySelector(`${root} .newsroom__count`)?.textContent ?? null, root);
const cardCategories = (page, root) => page.locator(`${root} .newsroom__card-category`).allTextContents();

/** Waits until every instance on /about/news/ has rendered. */
async function hostPageReady(page) {
  await expect(page.locator('#full .newsroom__card').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('#full .newsroom__indexing')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('#compact .newsroom__headline')).toHaveCount(3);
  await expect(page.locator('#second .newsroom__card').first()).toBeVisible();
  await expect(page.locator('#late .newsroom__headline')).toHaveCount(2);
}

test('a full, a compact, a second full and a late-added instance work side by side under a strict CSP', async ({ page }) => {
  await page.goto('/about/news/?lang=en');
  await hostPageReady(page);
  expect(await cspViolations(page), 'Content-Security-Policy violations').toEqual([]);

  // The second full instance: its fixed category, and no category filter to change it.
  await expect(page.locator('#second select.newsroom__filter[name=category]')).toHaveCount(0);
  const second = await cardCategories(page, '#second');
  expect(second.length).toBeGreaterThan(0);
  for (const c of second) expect(c).toBe('Products');
  expect(await count(page, '#second')).toMatch(/^\d+ of \d+ articles/);

  // Instances do not share state, and only the first full one uses the URL.
  const fullBefore = await count(page, '#full');
  const secondBefore = await count(page, '#second');
  await page.locator('#second input[type=search]').pressSequentially('oxide');
  await expect(page.locator('#second input[type=search]')).toHaveValue('oxide');
  await expect.poll(() => count(page, '#second'), { message: 'the second instance searched' }).not.toBe(secondBefore);
  expect(await count(page, '#full'), 'typing in the second instance changed the first').toBe(fullBefore);
  expect(new URL(page.url()).search, 'the second instance wrote to the URL').toBe('?lang=en');

  const secondAfter = await count(page, '#second');
  await page.locator('#full input[type=search]').pressSequentially('slag');
  await expect.poll(() => new URL(page.url()).searchParams.get('nr-q'), { message: 'nr-q=slag in the URL' }).toBe('slag');
  const url = new URL(page.url());
  expect(url.pathname).toBe('/about/news/');
  expect(url.searchParams.get('lang'), 'the host parameter').toBe('en');
  await expect.poll(() => count(page, '#full'), { message: 'the full instance searched' }).not.toBe(fullBefore);
  expect(await count(page, '#second'), 'typing in the first instance changed the second').toBe(secondAfter);
  expect(await cspViolations(page), 'Content-Security-Policy violations after use').toEqual([]);
});

test('the host page is left alone: its history, scroll and the look of its elements', async ({ page }) => {
  await page.goto('/about/news/');
  await hostPageReady(page);
  expect(await page.evaluate(() => history.length), 'history entries added on load')
    .toBe(await page.evaluate(() => window.__historyAtStart));
  expect(await page.evaluate(() => window.scrollY), 'the page was scrolled on load').toBe(0);

  const props = ['color', 'font-size', 'font-family', 'font-weight', 'text-transform', 'letter-spacing', 'text-align',
    'background-color', 'border-top-width', 'border-top-style', 'padding-top', 'margin-top', 'text-decoration-line',
    'height', 'width', 'list-style-type', 'box-sizing'];
  const hostStyles = () => page.evaluate((props) =>
    ['body', '#host-heading', '#host-link', '#host-button', '#host-input', '#host-article', '#host-article p'].map((sel) => {
      const cs = getComputedStyle(document.querySelector(sel));
      // The body's size follows its content, ours included; everything else must not move.
      const own = sel === 'body' ? props.filter((p) => p !== 'height' && p !== 'width') : props;
      return [sel, own.map((p) => `${p}: ${cs.getPropertyValue(p)}`)];
    }), props);
  const withOurs = await hostStyles();
  await page.evaluate(() => { document.querySelector('link[href$="newsroom.css"]').disabled = true; });
  const withoutOurs = await hostStyles();
  await page.evaluate(() => { document.querySelector('link[href$="newsroom.css"]').disabled = false; });
  expect(withOurs, 'our stylesheet changed host elements').toEqual(withoutOurs);
});

test("the host's loud global styles do not reach Newsroom's layout", async ({ page }) => {
  await page.goto('/about/news/');
  await hostPageReady(page);
  const s = await page.evaluate(() => {
    const cs = (sel, p) => getComputedStyle(document.querySelector(sel)).getPropertyValue(p);
    return {
      rootFont: cs('#full .newsroom', 'font-size'), rootTransform: cs('#full .newsroom', 'text-transform'),
      rootSpacing: cs('#full .newsroom', 'letter-spacing'), rootAlign: cs('#full .newsroom', 'text-align'),
      title: cs('#full .newsroom__card-title', 'font-size'), titleBorder: cs('#full .newsroom__card-title', 'border-bottom-style'),
      card: cs('#full .newsroom__card', 'border-top-style'), cardBackground: cs('#full .newsroom__card', 'background-color'),
      cardHeight: document.querySelector('#full .newsroom__card').getBoundingClientRect().height,
      link: cs('#full .newsroom__card-link', 'text-decoration-line'), button: cs('#full .newsroom__clear', 'background-color'),
      input: cs('#full .newsroom__search', 'border-top-width'),
    };
  });
  expect(s.rootFont).toBe('16px');
  expect(s.rootTransform).toBe('none');
  expect(s.rootSpacing).toBe('normal');
  expect(s.rootAlign).toBe('left');
  expect(s.title, 'the host h2 size reached our titles').not.toBe('40px');
  expect(s.titleBorder, 'the host h2 border reached our titles').toBe('none');
  expect(s.card, 'the host article border reached our cards').toBe('none');
  expect(s.cardBackground, 'the host article background reached our cards').not.toBe('rgb(255, 255, 0)');
  // Cards are as high as their content: as high as without the host's styles.
  await page.evaluate(() => { document.querySelector('link[href$="hostile.css"]').disabled = true; });
  const plain = await page.evaluate(() => document.querySelector('#full .newsroom__card').getBoundingClientRect().height);
  await page.evaluate(() => { document.querySelector('link[href$="hostile.css"]').disabled = false; });
  expect(s.cardHeight, "the host's article padding, margin or border reached our cards").toBe(plain);
  expect(s.link, 'the host link style reached ours').not.toBe('line-through');
  expect(s.button, 'the host button style reached ours').not.toBe('rgb(0, 0, 0)');
  expect(s.input, 'the host input style reached ours').not.toBe('6px');
});

test('a compact headline on the home page opens the article on the full news page', async ({ page }) => {
  await page.goto('/home/');
  const link = page.locator('.newsroom__headline-link').first();
  await expect(link).toBeVisible();
  const id = await link.evaluate((a) => a.closest('.newsroom__headline').dataset.id);
  await expect(link).toHaveAttribute('href', `/about/news/?lang=en&nr-article=${encodeURIComponent(id)}`);
  await link.click();
  await expect(page.locator(`#full article.newsroom__article[data-id="${id}"]`)).toBeVisible({ timeout: 20_000 });
  const url = new URL(page.url());
  expect(url.pathname).toBe('/about/news/');
  expect(url.searchParams.get('lang')).toBe('en');
  expect(await cspViolations(page)).toEqual([]);
});

test("the host's own links still navigate", async ({ page }) => {
  await page.goto('/about/news/');
  await hostPageReady(page);
  await page.locator('#host-link').click();
  await expect(page.locator('#other')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/about/other/');
});

test("a dark scheme follows the reader's preference, and the host's custom properties win over it", async ({ page }) => {
  const colours = () => page.evaluate(() => {
    const cs = (sel, p) => getComputedStyle(document.querySelector(sel)).getPropertyValue(p);
    return { full: cs('#full .newsroom', 'background-color'), text: cs('#full .newsroom', 'color'),
      compactLink: cs('#compact .newsroom__headline-link', 'color'), compact: cs('#compact .newsroom', 'background-color') };
  });
  const luminance = (rgb) => {
    const [r, g, b] = rgb.match(/\d+/g).map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/about/news/');
  await hostPageReady(page);
  const light = await colours();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(async () => (await colours()).full, { message: 'the colours change with prefers-color-scheme: dark' })
    .not.toBe(light.full);
  const dark = await colours();
  expect(luminance(light.full), `light background ${light.full}`).toBeGreaterThan(200);
  expect(luminance(dark.full), `dark background ${dark.full}`).toBeLessThan(60);
  expect(luminance(dark.text), `dark text ${dark.text}`).toBeGreaterThan(180);
  for (const c of [light, dark]) {
    expect(c.compactLink, 'the host-set --newsroom-accent').toBe('rgb(128, 0, 128)');
    expect(c.compact, 'the host-set --newsroom-background').toBe('rgb(250, 250, 240)');
  }
});

test('opening an article brings the instance into view without moving the host page otherwise', async ({ page }) => {
  await page.goto('/about/news/');
  await hostPageReady(page);
  let link;
  await expect.poll(async () => {
    const scrolled = await page.evaluate(() => {
      const cards = document.querySelectorAll('#full .newsroom__card');
      cards[cards.length - 1].scrollIntoView({ block: 'end' });
      return window.scrollY > 300 && cards[cards.length - 1].dataset.id;
    });
    link = scrolled && page.locator(`#full .newsroom__card[data-id="${scrolled}"] a`).first();
    return !!scrolled;
  }, { message: 'a card far down the page' }).toBe(true);
  await link.click();
  await expect(page.locator('#full article.newsroom__article')).toBeVisible();
  // The instance's top, and so the article's start, is on screen (the page
  // may have become too short to put it at the very top).
  await expect.poll(() => page.evaluate(() => {
    const top = document.querySelector('#full .newsroom').getBoundingClientRect().top;
    return top >= -1 && top < window.innerHeight / 2;
  }), { message: "the instance's top in the upper half of the viewport" }).toBe(true);
});
