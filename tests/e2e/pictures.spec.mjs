// End-to-end tests of pictures and natural heights: each card's thumbnail
// (lazy, in a box that holds its place, gone when it fails), cards as high
// as their content, the list that renders only the rows near the viewport
// whatever their heights, and an article that opens with its picture.

import { PICTURE_DELAY_MS, PICTURES_FEED, SLOW_PICTURES, SQUARE_PICTURE } from './server.mjs';
import { articleSel, cardIds, cardSel, expect, test, waitForList } from './fixtures.mjs';

const thumb = (page, id) => page.locator(`${cardSel(id)} img.newsroom__thumb`);

/** Every picture of a rendered card that is on screen has arrived (or failed). */
const picturesOnScreenSettled = (page) => page.evaluate(() => [...document.querySelectorAll('img.newsroom__thumb')]
  .filter((img) => {
    const r = img.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  })
  .every((img) => img.complete));

/** In the page (an init script): every layout shift not caused by input, with what moved. */
function observeLayoutShifts() {
  window.__shifts = [];
  const note = (entries) => {
    for (const e of entries) {
      if (e.hadRecentInput) continue;
      const moved = e.sources.map((s) => `${s.node?.dataset?.id ?? s.node?.className ?? s.node?.nodeName} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`);
      window.__shifts.push({ value: e.value, at: Math.round(e.startTime), scrollY: window.scrollY, moved });
    }
  };
  window.__shiftObserver = new PerformanceObserver((list) => note(list.getEntries()));
  window.__shiftObserver.observe({ type: 'layout-shift', buffered: true });
  window.__noteShifts = () => note(window.__shiftObserver.takeRecords());
}

/** The layout shifts observed add up to zero (the sum goes in the test's report). */
async function expectNoLayoutShift(page) {
  // Shifts are known once a frame is painted: two more frames, then what the observer has not delivered yet.
  const shifts = await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => {
    window.__noteShifts();
    done(window.__shifts);
  }))));
  const total = shifts.reduce((sum, s) => sum + s.value, 0);
  test.info().annotations.push({ type: 'layout shift (sum, without recent input)', description: String(total) });
  expect(total, `layout shifts: ${JSON.stringify(shifts, null, 1)}`).toBe(0);
}

/** Down to the end of the list, half a viewport at a time, each time once the pictures on screen have arrived. */
async function readToTheEnd(page) {
  await expect.poll(async () => {
    if (!(await picturesOnScreenSettled(page))) return 'pictures arriving';
    return page.evaluate(() => {
      const end = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
      window.scrollBy(0, window.innerHeight * 0.5);
      return end ? 'at the end' : 'scrolling';
    });
  }, { message: 'scrolling to the end of the list', timeout: 60_000, intervals: [50] }).toBe('at the end');
}

test.describe('pictures', () => {
  test.use({ allowedFailures: /^404 .*\/images\/missing\.png$/ });

  test("a card shows the item's image, else its banner_image, else the body's first picture: lazy, decorative, in a 16:9 box whatever its shape", async ({ page }) => {
    await page.goto('/pictures/');
    await waitForList(page);
    const expected = { 'pic-starts': 'images/plant.svg', 'pic-banner': SQUARE_PICTURE, 'pic-content': 'images/lab.svg' };
    for (const [id, src] of Object.entries(expected)) {
      const img = thumb(page, id);
      await expect(img).toHaveAttribute('src', src);
      await expect(img).toHaveAttribute('loading', 'lazy');
      await expect(img).toHaveAttribute('decoding', 'async');
      await expect(img).toHaveAttribute('alt', '');
      await expect.poll(() => img.evaluate((i) => i.complete && i.naturalWidth > 0), { message: `${id}'s picture loaded` }).toBe(true);
      const box = await thumb(page, id).boundingBox();
      expect(Math.abs(box.width / box.height - 16 / 9), `${id}'s box is ${box.width}×${box.height}`).toBeLessThan(0.02);
    }
    // No picture, or one whose address is not allowed: no box at all.
    for (const id of ['pic-none', 'pic-long', 'pic-unsafe']) await expect(thumb(page, id)).toHaveCount(0);
    await expect(page.locator('.newsroom img[src^="javascript:"]')).toHaveCount(0);
  });

  test('a picture that fails to load takes its box away', async ({ page }) => {
    await page.goto('/pictures/');
    await waitForList(page);
    await expect(thumb(page, 'pic-broken')).toBeHidden();
    await expect(thumb(page, 'pic-broken')).toHaveAttribute('src', 'images/missing.png');
    // Nothing of it takes space: the card is as high as its text.
    const { card, text } = await page.locator(cardSel('pic-broken')).evaluate((el) => ({
      card: el.getBoundingClientRect().height,
      text: ['.newsroom__card-title', '.newsroom__card-meta', '.newsroom__card-summary']
        .map((s) => el.querySelector(s).getBoundingClientRect().bottom).reduce((a, b) => Math.max(a, b)) - el.getBoundingClientRect().top,
    }));
    expect(card - text, `the card is ${card}px high for ${text}px of text and its padding`).toBeLessThan(20);
  });

  test('cards are as high as their content: a short teaser makes a shorter card, no blank space below', async ({ page }) => {
    await page.goto('/pictures/');
    await waitForList(page);
    const height = (id) => page.locator(cardSel(id)).evaluate((el) => el.getBoundingClientRect().height);
    const [alone, long] = [await height('pic-none'), await height('pic-long')];
    expect(alone, `a headline alone (${alone}px) is shorter than a long teaser's card (${long}px)`).toBeLessThan(long - 40);
    // Each card ends where its lowest part does, plus its padding and border.
    const blank = await page.locator('article.newsroom__card').evaluateAll((cards) => cards.map((el) => {
      const style = getComputedStyle(el);
      const parts = [...el.children].filter((c) => c.getClientRects().length > 0).map((c) => c.getBoundingClientRect().bottom);
      const below = el.getBoundingClientRect().bottom - Math.max(...parts) - parseFloat(style.paddingBottom) - parseFloat(style.borderBottomWidth);
      return { id: el.dataset.id, below: Math.round(below) };
    }));
    expect(blank.length).toBeGreaterThan(4);
    expect(blank.filter((b) => Math.abs(b.below) > 1), 'cards with space below their content').toEqual([]);
  });

  test('no layout shift while the list loads, its pictures arrive and the reader scrolls to the end', async ({ page, server }) => {
    await page.addInitScript(observeLayoutShifts);
    const slow = () => server.state.requests.filter((r) => r.path.includes(`/pictures/${SLOW_PICTURES}`)).length;
    const before = slow();
    // All but the picture that fails: a failed picture's box goes, and the card below it moves up.
    await page.goto('/pictures/?nr-tag=pictures&nr-page=30');
    const c = await waitForList(page);
    expect(c.shown, c.text).toBe(PICTURES_FEED.items.length - 1);
    // Only the pictures of the rendered cards are asked for: far from all of them.
    await expect.poll(() => picturesOnScreenSettled(page), { message: 'the first pictures arrived' }).toBe(true);
    const withPictures = PICTURES_FEED.items.filter((i) => i.image?.startsWith(SLOW_PICTURES)).length;
    expect(slow() - before, `pictures requested at the top, of ${withPictures}`).toBeLessThan(withPictures / 4);
    await readToTheEnd(page);
    expect(await cardIds(page), 'the last card at the end').toContain(PICTURES_FEED.items.at(-1).id);
    expect(slow() - before, `pictures requested (each arrives ${PICTURE_DELAY_MS} ms late)`).toBeGreaterThanOrEqual(withPictures);
    await expect.poll(() => picturesOnScreenSettled(page), { message: 'the last pictures arrived' }).toBe(true);
    await expectNoLayoutShift(page);
  });

  test('an article whose body opens with its image shows it once; one whose body has it further down shows both', async ({ page }) => {
    await page.goto('/pictures/?nr-article=pic-starts');
    const article = page.locator(articleSel('pic-starts'));
    await expect(article.locator('.newsroom__article-body figure img')).toHaveAttribute('src', 'images/plant.svg');
    await expect(article.locator('img[src="images/plant.svg"]')).toHaveCount(1);
    await expect(article.locator('.newsroom__article-image')).toHaveCount(0);
    // The sample's sodium dichromate line: its image, and the same picture after the first paragraph.
    await page.goto('/?nr-article=2024-03-18-sodium-dichromate-line');
    const sample = page.locator(articleSel('2024-03-18-sodium-dichromate-line'));
    await expect(sample.locator('.newsroom__article-image')).toHaveAttribute('src', 'images/plant.svg');
    await expect(sample.locator('img[src="images/plant.svg"]')).toHaveCount(2);
  });
});

test('10,000 results: only the rows near the viewport are in the DOM, far down they are the right cards, edge to edge, and scrolling up through rows not measured yet moves nothing on screen', async ({ page, server }) => {
  // The page's order: newest first, ties in bundle order.
  const items = JSON.parse(server.prepareGenerated().big).items;
  const order = items.map((it, i) => [Date.parse(it.date_published), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => items[i].id);
  await page.addInitScript(observeLayoutShifts);
  await page.goto('/big/?nr-page=1000');
  await expect(page.locator('.newsroom__count')).toHaveText(/^10,?000 of 10,?000 articles/, { timeout: 30_000 });
  // The rendered cards at this scroll position, once they cover the viewport.
  const rendered = async (what) => {
    let last;
    await expect.poll(async () => {
      last = await page.evaluate(() => [...document.querySelectorAll('article.newsroom__card')].map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.dataset.id, top: r.top, bottom: r.bottom };
      }));
      return last.length > 0 && last[0].top <= 0 && last.at(-1).bottom >= page.viewportSize().height;
    }, { message: `cards covering the viewport ${what}` }).toBe(true);
    const ids = last.map((c) => c.id);
    const at = order.indexOf(ids[0]);
    expect(ids, `the cards ${what}: consecutive in the list's order`).toEqual(order.slice(at, at + ids.length));
    expect(ids.length, `cards in the DOM ${what}`).toBeLessThanOrEqual(24);
    for (let k = 1; k < last.length; k++) {
      expect(Math.abs(last[k].top - last[k - 1].bottom), `${ids[k]} starts where ${ids[k - 1]} ends (${what})`).toBeLessThanOrEqual(0.5);
    }
    return { at, ids };
  };
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.6));
  const far = await rendered('60% down');
  expect(far.at, 'far down the list').toBeGreaterThan(4000);
  // Up through rows never measured, a viewport at a time: they turn out
  // taller or shorter than counted, and the cards on screen stay put.
  let previous = far.at;
  // Where each rendered card is on screen: those still rendered after a
  // scroll have moved by exactly the scroll (the layout-shift measure
  // below looks at boxes; this looks at what the reader sees).
  const onScreen = () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('article.newsroom__card')]
    .map((c) => [c.dataset.id, c.getBoundingClientRect().top])));
  for (let step = 0; step < 5; step++) {
    const before = await onScreen();
    await page.evaluate(() => window.scrollBy(0, -window.innerHeight));
    const up = await rendered(`${step + 1} viewports up from 60%`);
    expect(up.at, 'earlier cards').toBeLessThan(previous);
    previous = up.at;
    const height = page.viewportSize().height;
    await expect.poll(async () => {
      const after = await onScreen();
      return Object.keys(before).filter((id) => id in after && Math.abs(after[id] - before[id] - height) > 1);
    }, { message: `cards that stayed moved with the scroll (${step + 1} viewports up)` }).toEqual([]);
  }
  await expectNoLayoutShift(page);
  // To the end (again, as a reader would, while the rows there turn out taller or shorter than counted).
  await expect.poll(async () => {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    return (await cardIds(page)).at(-1);
  }, { message: 'the oldest article last' }).toBe(order.at(-1));
  const end = await page.evaluate(() => ({
    last: document.querySelector('article.newsroom__card:last-of-type').getBoundingClientRect().bottom,
    list: document.querySelector('.newsroom__results').getBoundingClientRect().bottom,
  }));
  expect(Math.abs(end.last - end.list), 'the last card ends the list').toBeLessThanOrEqual(1);
  expect((await cardIds(page)).length, 'cards in the DOM at the end').toBeLessThanOrEqual(24);
});
