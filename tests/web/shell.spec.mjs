// The shell for everyone: the language (from the browser, switchable, remembered), a phone's
// 360 px, the keyboard alone, landmarks and labels, and what the shell says when a page is
// not there or not yours. Screenshots of every page at phone and desktop width.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, screenshot, apiFromPage, scrollWidth, DEMO }
  from './support/harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

/** Opens #`path` and waits until the page's own h1 is drawn. */
async function open(page, path) {
  await page.goto(`${server.url}/#${path}`);
  await page.locator('main .page h1').waitFor();
}

/** What a page must have whatever it shows: landmarks, one h1, a label for every input. */
async function checkStructure(page, where) {
  const facts = await page.evaluate(() => ({
    h1: document.querySelectorAll('h1').length,
    header: !!document.querySelector('header'),
    nav: !!document.querySelector('nav[aria-label]'),
    main: !!document.querySelector('main'),
    unlabelled: [...document.querySelectorAll('input, select, textarea')]
      .filter((i) => i.type !== 'hidden' && !(i.labels && i.labels.length) && !i.getAttribute('aria-label'))
      .map((i) => i.id || i.name),
  }));
  assert.equal(facts.h1, 1, `${where}: one h1`);
  assert.ok(facts.header && facts.nav && facts.main, `${where}: header, nav and main`);
  assert.deepEqual(facts.unlabelled, [], `${where}: every input has a label`);
  assert.deepEqual(await lowContrast(page), [], `${where}: text contrast at least 4.5:1`);
}

/** Every visible text whose colour against its background is below 4.5:1 (WCAG AA). Disabled
 *  controls are exempt, as WCAG exempts them. */
async function lowContrast(page) {
  return page.evaluate(() => {
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const c = [r, g, b].map((v) => {
        const x = v / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c;
      }
      return [255, 255, 255];
    };
    const bad = [];
    for (const el of document.querySelectorAll('body *')) {
      const text = [...el.childNodes].filter((n) => n.nodeType === 3)
        .map((n) => n.textContent.trim()).join('');
      if (!text || !el.getClientRects().length || el.closest('[disabled], [hidden], .skip'))
        continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      const [l1, l2] = [lum(rgb(style.color)), lum(background(el))].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (ratio < 4.5) bad.push(`${el.tagName.toLowerCase()}.${el.className} "${text.slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return bad;
  });
}

test('the language comes from the browser, switches the page text and is remembered', async () => {
  const en = await newPage(browser, { width: 1280, locale: 'en-US' });
  await en.goto(server.url + '/');
  assert.equal(await en.locator('main h1').textContent(), 'Log in to Yanzhen');
  assert.equal(await en.locator('label[for="login-username"]').textContent(), 'Username');
  await en.context().close();

  const page = await newPage(browser, { width: 1280, locale: 'en-US' });
  await login(page, server.url, DEMO.worker.username, DEMO.worker.password);
  await page.locator('.course-progress').first().waitFor();
  assert.equal(await page.locator('main h1').textContent(), 'My progress');
  assert.match(await page.locator('nav').textContent(), /My sessions/);
  await page.locator('#lang-switch').click();
  await page.locator('main h1', { hasText: '我的进度' }).waitFor();
  assert.match(await page.locator('nav').textContent(), /我的课程/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  // The course's own titles follow too: they come from the API as {zh, en}.
  assert.match(await page.locator('.course-progress h2').first().textContent(), /头雁领航/);
  await page.reload();
  await page.locator('main h1', { hasText: '我的进度' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('yz-lang')), 'zh');
  await page.locator('#lang-switch').click();
  await page.locator('main h1', { hasText: 'My progress' }).waitFor();
  await page.context().close();
});

test('keyboard only: tab through the login, Enter submits, focus is visible', async () => {
  const page = await newPage(browser, { width: 360, locale: 'zh-CN' });
  await page.goto(server.url + '/');
  await page.locator('#login-username').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'login-username');
  await page.keyboard.type(DEMO.worker.username);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'login-password');
  // The focused field shows it: an outline of 3 px.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineWidth);
  assert.equal(outline, '3px');
  await page.keyboard.type('wrong-password-here');
  await page.keyboard.press('Enter');
  await page.locator('#login-error:not([hidden])').waitFor();
  assert.equal(await page.locator('#login-error').getAttribute('role'), 'alert');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'login-password');
  await page.keyboard.type(DEMO.worker.password);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'login-submit');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.locator('#logout').waitFor();
  await page.locator('main h1', { hasText: '我的进度' }).waitFor();
  // The navigation is reachable by Tab from the top, and Enter follows a link.
  await page.locator('nav a[href="#/my/sessions"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('main h1', { hasText: '我的课程安排' }).waitFor();
  await page.context().close();
});

test('unknown pages and pages of another role: not found, no access, and the API says 403', async () => {
  const page = await newPage(browser, { width: 360, locale: 'zh-CN' });
  await login(page, server.url, DEMO.worker.username, DEMO.worker.password);
  await page.goto(server.url + '/#/no/such/page');
  await page.locator('main h1', { hasText: '没有这个页面' }).waitFor();
  await page.goto(server.url + '/#/admin/accounts');
  await page.locator('#no-access').waitFor();
  assert.equal(await page.locator('main h1').textContent(), '无权访问');
  assert.equal((await apiFromPage(page, 'GET', '/api/v1/accounts')).status, 403);
  assert.equal(await page.locator('nav a[href="#/admin/accounts"]').count(), 0);
  // Logging out ends the session on the server too.
  await page.locator('#logout').click();
  await page.locator('#login-form').waitFor();
  assert.equal((await apiFromPage(page, 'GET', '/api/v1/auth/me')).status, 401);
  await page.context().close();
});

const PAGES = {
  worker: ['/my/progress', '/my/sessions', '/my/credentials'],
  admin: ['/admin/people', '/admin/accounts', '/admin/plugins', '/admin/courses', '/admin/audit',
    '/workers/36/progress'],
};

for (const [role, paths] of Object.entries(PAGES)) {
  test(`every ${role} page fits 360 px and has its landmarks and labels`, async () => {
    for (const [width, suffix] of [[360, 'phone'], [1280, 'desktop']]) {
      const page = await newPage(browser, { width, locale: 'zh-CN' });
      await login(page, server.url, DEMO[role].username, DEMO[role].password);
      for (const path of paths) {
        await open(page, path);
        await page.waitForLoadState('networkidle');
        await checkStructure(page, path);
        if (width === 360) {
          const w = await scrollWidth(page);
          assert.ok(w <= 360, `${path} is ${w} px wide at 360`);
        }
        await screenshot(page, `${role}${path.replace(/\//g, '-')}-${suffix}`);
      }
      assert.deepEqual(page.errors, []);
      assert.deepEqual(page.cspViolations, []);
      await page.context().close();
    }
  });
}

test('the pages come with their security headers and work under them', async () => {
  const page = await newPage(browser, { width: 360, locale: 'zh-CN' });
  const answer = await page.goto(server.url + '/');
  const headers = answer.headers();
  assert.match(headers['content-security-policy'], /default-src 'self'/);
  assert.doesNotMatch(headers['content-security-policy'], /unsafe-inline/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['referrer-policy'], 'no-referrer');
  await page.locator('#login-form').waitFor();
  // An inline script injected into the page does not run: an allowed one would have run by the
  // time appendChild returns, and the refusal is reported as a securitypolicyviolation event.
  const ran = await page.evaluate(async () => {
    window.injected = false;
    const refused = new Promise((r) => {
      document.addEventListener('securitypolicyviolation', () => r(true), { once: true });
      setTimeout(() => r(false), 10000);
    });
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.body.appendChild(s);
    return { injected: window.injected, refused: await refused };
  });
  assert.deepEqual(ran, { injected: false, refused: true });
  await page.context().close();
});

test('the login page fits 360 px (both languages)', async () => {
  for (const locale of ['zh-CN', 'en-US']) {
    const page = await newPage(browser, { width: 360, locale });
    await page.goto(server.url + '/');
    await page.locator('#login-form').waitFor();
    await checkStructure(page, 'login');
    assert.ok(await scrollWidth(page) <= 360);
    await screenshot(page, `login-${locale}-phone`);
    await page.context().close();
  }
});
