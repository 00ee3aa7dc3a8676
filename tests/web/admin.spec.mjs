// An admin at a desk: the people (search, paging), the plugins, the courses, the audit log
// and its chain, and an account added, given a new password and disabled.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, login, screenshot, apiFromPage, DEMO }
  from './support/harness.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  page = await newPage(browser, { width: 1280, locale: 'zh-CN' });
  await login(page, server.url, DEMO.admin.username, DEMO.admin.password);
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function open(path) {
  await page.goto(`${server.url}/#${path}`);
  await page.locator('main .page h1').waitFor();
}

test('an admin starts at the people and searches and pages through them', async () => {
  assert.equal(await page.locator('main h1').textContent(), '人员');
  for (const label of ['人员', '账号', '插件', '课程', '审计日志'])
    assert.equal(await page.locator('nav a', { hasText: label }).count(), 1, label);
  const rows = page.locator('#people tbody tr');
  assert.equal(await rows.count(), 20);
  assert.match(await page.locator('.pager [role="status"]').textContent(), /第 1–20 条，共 \d+ 条/);
  await page.locator('.pager button', { hasText: '下一页' }).click();
  await page.locator('.pager [role="status"]', { hasText: '第 21–40 条' }).waitFor();
  await page.locator('#people-name').fill('李俊鹏');
  await page.locator('#people-name').press('Enter');
  await page.locator('#people tbody tr', { hasText: 'JY-0036' }).waitFor();
  await page.locator('#people tbody tr', { hasText: 'JY-0036' }).locator('a').click();
  await page.locator('main h1', { hasText: '李俊鹏（JY-0036）的进度' }).waitFor();
});

test('an admin sees the plugins and why any was refused', async () => {
  await open('/admin/plugins');
  const answer = await apiFromPage(page, 'GET', '/api/v1/plugins');
  assert.equal(await page.locator('#plugins tbody tr').count(), answer.body.items.length);
  assert.match(await page.locator('#plugins').textContent(), /仪式教育/);
  if (answer.body.refused.length)
    assert.equal(await page.locator('#plugins-refused tbody tr').count(), answer.body.refused.length);
  else
    await page.locator('#plugins-refused-none').waitFor();
  await screenshot(page, 'admin-plugins-desktop-detail');
});

test('an admin sees the courses with their versions and validation', async () => {
  await open('/admin/courses');
  const text = await page.locator('#courses').textContent();
  assert.match(text, /头雁领航·雏雁丰羽 全科社工培训/);
  assert.match(text, /touyan-linghang/);
  assert.match(text, /2025\.1/);
  assert.match(text, /已通过校验/);
});

test('an admin reads the audit log, pages through it and verifies the chain', async () => {
  await open('/admin/audit');
  assert.equal(await page.locator('#audit tbody tr').count(), 20);
  assert.match(await page.locator('#audit tbody tr').first().textContent(), /session\.login/);
  await page.locator('#audit-verify').click();
  await page.locator('#audit-verdict', { hasText: '哈希链完整' }).waitFor();
  await page.locator('.pager button', { hasText: '下一页' }).click();
  await page.locator('.pager [role="status"]', { hasText: '第 21–40 条' }).waitFor();
});

test('an admin adds an account, gives it a new password and disables it', async () => {
  await open('/admin/accounts');
  await page.locator('#account-username').fill('zhao-worker');
  await page.locator('#account-role').selectOption('worker');
  await page.locator('#account-person').fill('JY-0037');
  await page.locator('#account-password').fill('zhao-first-password');
  await page.locator('#account-submit').click();
  const row = page.locator('#accounts tbody tr', { hasText: 'zhao-worker' });
  await row.waitFor();
  assert.match(await row.textContent(), /JY-0037/);
  assert.match(await row.textContent(), /启用/);
  await page.locator('.toast', { hasText: '已创建账号 zhao-worker' }).waitFor();
  // A refusal is said where the form is.
  await page.locator('#account-username').fill('zhao-worker');
  await page.locator('#account-person').fill('JY-0038');
  await page.locator('#account-password').fill('another-password-1');
  await page.locator('#account-submit').click();
  await page.locator('#account-error:not([hidden])').waitFor();

  // The new account logs in, as its worker.
  const zhao = await newPage(browser, { width: 360, locale: 'zh-CN' });
  await login(zhao, server.url, 'zhao-worker', 'zhao-first-password');
  assert.equal((await apiFromPage(zhao, 'GET', '/api/v1/auth/me')).body.worker, 37);

  // A new password: Escape closes the dialog without a change, Enter saves.
  await row.locator('[data-reset="zhao-worker"]').click();
  await page.locator('dialog #reset-password').waitFor();
  await page.keyboard.press('Escape');
  // The dialog goes on its close event, a moment after the key: wait for it, then count.
  await page.locator('dialog').waitFor({ state: 'detached' });
  assert.equal(await page.locator('dialog').count(), 0);
  await row.locator('[data-reset="zhao-worker"]').click();
  await page.locator('dialog #reset-password').fill('zhao-second-password');
  await page.locator('dialog #reset-password').press('Enter');
  await page.locator('.toast', { hasText: '已为 zhao-worker 设置新密码' }).waitFor();
  // The old session is over.
  assert.equal((await apiFromPage(zhao, 'GET', '/api/v1/auth/me')).status, 401);

  await row.locator('[data-disable="zhao-worker"]').click();
  await page.locator('dialog #dialog-submit').click();
  await page.locator('#accounts tbody tr', { hasText: 'zhao-worker' })
    .locator('.badge', { hasText: '已停用' }).waitFor();
  const refused = await apiFromPage(zhao, 'POST', '/api/v1/auth/login',
    { username: 'zhao-worker', password: 'zhao-second-password' });
  assert.equal(refused.status, 401);
  await zhao.context().close();

  // All of it is in the audit log, done by the admin.
  const audit = await apiFromPage(page, 'GET', '/api/v1/audit?limit=50');
  const actions = audit.body.items.filter((e) => JSON.stringify(e).includes('zhao-worker'))
    .map((e) => e.action);
  assert.ok(actions.length >= 3, JSON.stringify(actions));
  await screenshot(page, 'admin-accounts-after-desktop');
});
