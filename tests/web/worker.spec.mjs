// A social worker on a phone, in Chinese: their progress per module with what is left in
// words, their sessions with the calendar link, their credentials; and nobody else's page.

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

test('a worker on a phone sees progress per module and what is left, in Chinese', async () => {
  const page = await newPage(browser, { width: 360, locale: 'zh-CN' });
  await login(page, server.url, DEMO.worker.username, DEMO.worker.password);
  await page.locator('.course-progress').first().waitFor();
  assert.equal(await page.locator('main h1').textContent(), '我的进度');
  assert.match(await page.locator('#who').textContent(), /社区工作者/);
  // One bar per module of the course: 仪式教育 100 %, 理论培训 …
  const course = page.locator('.course-progress[data-course="touyan-linghang"]');
  const bars = course.locator('[role="progressbar"]');
  assert.equal(await bars.count(), 5);
  assert.equal(await course.locator('[data-module="ceremony"]').getAttribute('aria-valuenow'), '100');
  assert.match(await course.locator('.bar-row').first().textContent(), /仪式教育\s*100%/);
  // What is left, in words: 理论学时 38/40 -> 还差 2 学时.
  const theory = course.locator('[data-set="completion"] [data-requirement="theory_hours"]');
  assert.match(await theory.textContent(), /还差 2 学时/);
  assert.match(await theory.textContent(), /理论学时 38\/40/);
  // The full tree is folded away, and opens.
  const details = course.locator('[data-set="completion"] details');
  assert.equal(await details.getAttribute('open'), null);
  await details.locator('summary').click();
  assert.match(await details.locator('.tree-node').first().textContent(), /参加开班仪式和入职宣誓/);
  assert.ok(await scrollWidth(page) <= 360, 'nothing sticks out at 360 px');
  await screenshot(page, 'worker-progress-phone');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a worker sees upcoming sessions and the calendar feed link', async () => {
  const page = await newPage(browser, { width: 360, locale: 'zh-CN' });
  await login(page, server.url, DEMO.worker.username, DEMO.worker.password);
  await page.locator('nav a[href="#/my/sessions"]').click();
  await page.locator('#calendar-link').waitFor();
  assert.equal(await page.locator('main h1').textContent(), '我的课程安排');
  const href = await page.locator('#calendar-link').getAttribute('href');
  assert.equal(href, '/api/v1/workers/36/calendar.ics');
  const feed = await apiFromPage(page, 'GET', href);
  assert.equal(feed.status, 200);
  assert.match(feed.text, /^BEGIN:VCALENDAR/);
  assert.match(await page.locator('#calendar-url').textContent(), /calendar\.ics\?token=/);
  const sessions = page.locator('#sessions .session, main .empty');
  assert.ok(await sessions.count() >= 1);
  assert.ok(await scrollWidth(page) <= 360);
  await screenshot(page, 'worker-sessions-phone');
  await page.context().close();
});

test('a worker still in training has no certificate yet, and the page says so', async () => {
  const page = await newPage(browser, { width: 360, locale: 'zh-CN' });
  await login(page, server.url, DEMO.worker.username, DEMO.worker.password);
  await page.locator('nav a[href="#/my/credentials"]').click();
  await page.locator('#credentials-empty').waitFor();
  assert.equal(await page.locator('main h1').textContent(), '我的证书');
  assert.match(await page.locator('#credentials-empty').textContent(), /还没有证书/);
  const answer = await apiFromPage(page, 'GET', '/api/v1/workers/36/credentials');
  assert.equal(answer.status, 200);
  assert.equal(answer.body.items.length, 0);
  await screenshot(page, 'worker-credentials-empty-phone');
  await page.context().close();
});

test('a licensed worker downloads the PDF and the verify page says valid', async () => {
  const page = await newPage(browser, { width: 360, locale: 'zh-CN' });
  await login(page, server.url, DEMO.holder.username, DEMO.holder.password);
  await page.locator('nav a[href="#/my/credentials"]').click();
  await page.locator('#credentials .credential').first().waitFor();
  const me = await apiFromPage(page, 'GET', '/api/v1/auth/me');
  const person = me.body.worker;
  const answer = await apiFromPage(page, 'GET', `/api/v1/workers/${person}/credentials`);
  const items = answer.body.items;
  assert.ok(items.length >= 1);
  assert.equal(await page.locator('#credentials .credential').count(), items.length);
  const valid = items.find((c) => c.status === 'valid');
  assert.ok(valid, 'the holder has a licence in force');
  const card = page.locator('#credentials .credential', { hasText: valid.serial });
  assert.match(await card.textContent(), /有效/);
  const pdfLink = card.locator('a[href$="/pdf"]');
  assert.equal(await pdfLink.getAttribute('href'),
    `/api/v1/credentials/${encodeURIComponent(valid.serial)}/pdf`);
  const pdf = await page.evaluate(async (href) => {
    const r = await fetch(href, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('Content-Type'),
      head: String.fromCharCode(...bytes.slice(0, 5)) };
  }, await pdfLink.getAttribute('href'));
  assert.equal(pdf.status, 200);
  assert.match(pdf.type, /application\/pdf/);
  assert.equal(pdf.head, '%PDF-');
  assert.ok(await scrollWidth(page) <= 360);
  await screenshot(page, 'worker-credentials-phone');

  // The public page the QR code leads to: no login needed, and it says valid.
  const visitor = await newPage(browser, { width: 360, locale: 'zh-CN' });
  const verifyPath = new URL(valid.verify_url).pathname;
  await visitor.goto(server.url + verifyPath);
  assert.match(await visitor.locator('body').textContent(), /有效/);
  await screenshot(visitor, 'verify-valid-phone');
  await visitor.context().close();
  await page.context().close();
});

test('a worker cannot open another worker\'s page: no access, and the API answers 403', async () => {
  const page = await newPage(browser, { width: 360, locale: 'zh-CN' });
  await login(page, server.url, DEMO.worker.username, DEMO.worker.password);
  await page.goto(server.url + '/#/workers/37/progress');
  await page.locator('#no-access').waitFor();
  assert.equal(await page.locator('main h1').textContent(), '无权访问');
  assert.equal(await page.locator('#no-access').getAttribute('role'), 'alert');
  const answer = await apiFromPage(page, 'GET', '/api/v1/workers/37/progress');
  assert.equal(answer.status, 403);
  assert.equal(answer.body.error.code, 'forbidden');
  // Their own page by id is theirs.
  await page.goto(server.url + '/#/workers/36/progress');
  await page.locator('.course-progress').first().waitFor();
  await page.context().close();
});
