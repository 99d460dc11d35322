// The interface language: `data-lang`, else the host page's `lang`, else the
// browser's language; dates, numbers and plurals through Intl in that language.

import { expect, expectAccessible, test, SEED_ID, cardSel } from './fixtures.mjs';

test('a host page with lang="zh-CN" gets a Chinese interface, and data-lang="en" overrides it', async ({ page }) => {
  await page.goto('/zh/news/');
  const full = page.locator('#full');
  await expect(full.locator('.newsroom__count')).toHaveText(/^显示 [\d,]+ 篇，共 [\d,]+ 篇$/, { timeout: 20_000 });
  await expect(full.locator('.newsroom')).toHaveAttribute('lang', 'zh-CN');
  await expect(full.locator('.newsroom__field--search .newsroom__label')).toHaveText('搜索新闻');
  await expect(full.locator('input[type=search]')).toHaveAttribute('placeholder', '按关键词、人名或主题搜索');
  await expect(full.locator('select.newsroom__sort option:checked')).toHaveText('最新优先');
  await expect(full.locator('select.newsroom__filter[name=category] option').first()).toHaveText('全部类别');
  // The seed article's date, as Chinese readers write it.
  const seed = full.locator(cardSel(SEED_ID));
  await full.locator('input[type=search]').fill('Miao Zhengge');
  await expect(seed.locator('time')).toHaveText('2023年11月4日');
  await expect(full.locator('select.newsroom__sort option:checked')).toHaveText('最佳匹配');

  const english = page.locator('#english');
  await expect(english.locator('.newsroom__count')).toHaveText(/^\d+ of \d+ articles?$/);
  await expect(english.locator('.newsroom')).toHaveAttribute('lang', 'en');
  await expect(english.locator('.newsroom__field--search .newsroom__label')).toHaveText('Search news');
  await expect(english.locator('time').first()).toHaveText(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/);

  // The compact list follows the host page too: Chinese dates.
  await expect(page.locator('#compact time').first()).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日$/);

  // An opened article speaks Chinese around the English article.
  await seed.locator('.newsroom__card-link').click();
  await expect(full.locator('.newsroom__back')).toHaveText('← 返回新闻');
  await expect(full.locator('.newsroom__pager')).toHaveAttribute('aria-label', '更多文章');
  await expectAccessible(page, 'the Chinese article view', { include: '#full' });
});

test.describe('a reader whose browser prefers Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the standalone page speaks Chinese, its heading included', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('.newsroom__count')).toHaveText(/篇$/, { timeout: 20_000 });
    await expect(page.locator('.newsroom')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('.newsroom__clear')).toHaveText('全部清除');
  });

  test('a failure is explained in Chinese, under the page heading, with a Retry in Chinese', async ({ page }) => {
    await page.goto('/malformed/');
    const alert = page.locator('.newsroom__error');
    await expect(alert.locator('.newsroom__error-title')).toHaveText('新闻无法加载。');
    await expect(alert.locator('.newsroom__error-message')).toContainText('不是有效的 JSON');
    await expect(alert.locator('.newsroom__error-message')).toContainText(/第 \d+ 行第 \d+ 列/);
    await expect(alert.locator('button')).toHaveText('重试');
    await expect(page.locator('h1')).toHaveText('新闻');
    await expectAccessible(page, 'the Chinese error');
  });
});
