// A trainer's day, through the pages: schedule a drill for this evening, see the clash of an
// overlapping one before submitting it, take a roll call that survives a reload, enter a drill
// score under a criterion's floor; then the worker scored sees the drill not passed and why.
// Demo district: the trainer JY-0392 teaches the running fifth cohort (TY-5). The worker scored,
// JY-0049, gets an account of her own with `yanzhen users add` before the server starts.
// Screenshots of every trainer page at 360x740 (zh) and 1280x800 (en).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startServer, launchBrowser, newPage, login, screenshot, apiFromPage, scrollWidth, DEMO,
  binary, runYanzhen, yanzhenEnv, DEMO_DAY } from './support/harness.mjs';

/** The worker whose drill is scored, and her account. */
const SCORED = { person: 'JY-0049', username: 'wanglanxin', password: 'drill-test-2025' };

/** `yanzhen <args>` with `input` on stdin; rejects unless it exits 0. */
function runWithInput(args, input) {
  return new Promise((ok, fail) => {
    const child = spawn(binary(), args, { stdio: ['pipe', 'pipe', 'pipe'], env: yanzhenEnv() });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok(output) : fail(new Error(`yanzhen ${args.join(' ')}: ${output}`))));
    child.stdin.end(input);
  });
}

/** Before the server starts: JY-0049 in TY-5 (she is, in the demo), and her worker account. */
async function addScoredWorker(dbPath) {
  const { stdout } = await runYanzhen(['workers', 'show', SCORED.person, '--json', '--db', dbPath]);
  if (!JSON.parse(stdout).cohorts.includes('TY-5'))
    await runYanzhen(['cohorts', 'enroll', 'TY-5', SCORED.person, '--db', dbPath]);
  await runWithInput(['users', 'add', SCORED.username, '--role', 'worker', '--worker', SCORED.person,
    '--password-stdin', '--db', dbPath], `${SCORED.password}\n`);
}

let server;
let browser;
let trainer; // the trainer's page, 1280 wide, in English
const state = {};

/** Opens a hash route of the pages and waits for its h1 (and whatever `ready` names). */
async function open(page, hash, ready) {
  await page.goto(`${server.url}/#${hash}`);
  await page.locator('main h1').first().waitFor();
  if (ready) await page.locator(ready).first().waitFor({ state: 'attached' });
}

before(async () => {
  server = await startServer({ demo: true, before: addScoredWorker });
  browser = await launchBrowser();
  trainer = await newPage(browser, { width: 1280, locale: 'en-US' });
  await login(trainer, server.url, DEMO.trainer.username, DEMO.trainer.password);
  const cohorts = await apiFromPage(trainer, 'GET', '/api/v1/cohorts');
  state.cohort = cohorts.body.items.find((c) => c.code === 'TY-5');
  assert.ok(state.cohort, 'the trainer teaches TY-5');
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('the week shows the trainer\'s sessions, with roll call and score entry', async () => {
  // The cohort's first week, where the opening ceremony is.
  const sessions = await apiFromPage(trainer, 'GET', `/api/v1/cohorts/${state.cohort.id}/sessions?limit=500`);
  const opening = sessions.body.items.find((s) => s.template === 'opening');
  await open(trainer, `/trainer/week/${opening.starts_at.slice(0, 10)}`, '.tr-session');
  assert.match(await trainer.locator('main h1').textContent(), /^My sessions: /);
  const item = trainer.locator('.tr-session', { hasText: 'Opening ceremony' });
  assert.equal(await item.locator(`a[href="#/trainer/session/${opening.id}/roll"]`).count(), 1);
  await trainer.locator('a', { hasText: 'Next week' }).click();
  await trainer.locator('main h1').waitFor();
  assert.notEqual(await trainer.locator('main h1').textContent(), '');
  await open(trainer, '/trainer/week', '.tr-week');
  await screenshot(trainer, 'trainer-week-desktop');
  assert.deepEqual(trainer.errors, []);
});

test('scheduling a drill tonight, and seeing the clash of an overlapping one before submitting', async () => {
  const day = DEMO_DAY; // the server's today
  state.day = day;
  await open(trainer, '/trainer/schedule', 'select[name="template"] option');
  assert.equal(await trainer.locator('main h1').textContent(), 'Schedule a session');
  // Every input has its label.
  for (const name of ['cohort', 'template', 'starts_at', 'ends_at', 'place', 'trainer', 'capacity']) {
    const id = await trainer.locator(`[name="${name}"]`).getAttribute('id');
    assert.equal(await trainer.locator(`label[for="${id}"]`).count(), 1, `a label for ${name}`);
  }
  await trainer.locator('select[name="cohort"]').selectOption(String(state.cohort.id));
  await trainer.locator('select[name="template"]').selectOption('home_visit');
  await trainer.locator('input[name="starts_at"]').fill(`${day}T19:00`);
  await trainer.locator('input[name="starts_at"]').dispatchEvent('change');
  assert.equal(await trainer.locator('input[name="ends_at"]').inputValue(), `${day}T21:00`,
    'the end follows the template\'s 120 minutes');
  // Submitted without a place: the server's refusal is shown next to that field.
  await trainer.locator('button[type="submit"]').click();
  const place = trainer.locator('input[name="place"]');
  const placeError = trainer.locator(`#${await place.getAttribute('id')}-err`);
  await placeError.filter({ hasText: 'place' }).waitFor();
  assert.equal(await place.getAttribute('aria-invalid'), 'true');
  await place.fill('Drill room 7');
  assert.equal(await trainer.locator('select[name="trainer"]').inputValue(), '392');
  await trainer.locator('#tr-check-status', { hasText: 'No conflicts' }).waitFor();
  await trainer.locator('button[type="submit"]').click();
  const done = trainer.locator('#tr-result [data-session-id]');
  await done.waitFor();
  state.drill = Number(await done.getAttribute('data-session-id'));
  assert.ok(state.drill > 0);
  assert.match(await done.textContent(), new RegExp(`Scheduled: session ${state.drill}`));

  // A second drill in the same room an hour later: the server names the clash while typing.
  await trainer.locator('select[name="template"]').selectOption('dispute');
  await trainer.locator('input[name="starts_at"]').fill(`${day}T20:00`);
  await trainer.locator('input[name="starts_at"]').dispatchEvent('change');
  const conflicts = trainer.locator('#tr-conflicts li').first();
  await conflicts.waitFor();
  assert.match(await trainer.locator('#tr-conflicts').textContent(),
    new RegExp(`session ${state.drill} "Drill: home visit"`));
  assert.equal(await trainer.locator(`#tr-conflicts a[href="#/trainer/session/${state.drill}/roll"]`).count() >= 1, true);
  await screenshot(trainer, 'trainer-schedule-conflict-desktop');
  // Nothing was submitted: the cohort still has one session tonight.
  const sessions = await apiFromPage(trainer, 'GET', `/api/v1/cohorts/${state.cohort.id}/sessions?limit=500`);
  assert.equal(sessions.body.items.filter((s) => s.place === 'Drill room 7').length, 1);
  // Submitting anyway is refused, the clash shown again.
  await trainer.locator('button[type="submit"]').click();
  await trainer.locator('#tr-result [role="alert"]').waitFor();
  assert.match(await trainer.locator('#tr-conflicts').textContent(), new RegExp(`session ${state.drill}`));
  assert.deepEqual(trainer.errors, []);
});

test('roll call: one tap a mark, saved as it goes, still there after a reload', async () => {
  const sessions = await apiFromPage(trainer, 'GET', `/api/v1/cohorts/${state.cohort.id}/sessions?limit=500`);
  // An upcoming theory unit: nobody is marked yet.
  const unit = sessions.body.items.find((s) => s.module === 'theory' && s.starts_at.slice(0, 10) >= state.day);
  assert.ok(unit, 'an upcoming theory session');
  state.unit = unit.id;
  await open(trainer, `/trainer/session/${unit.id}/roll`, '.tr-roll-row');
  assert.match(await trainer.locator('main h1').textContent(), /^Roll call: /);
  const rows = trainer.locator('.tr-roll-row');
  const n = await rows.count();
  assert.equal(n, state.cohort.members);
  assert.match(await trainer.locator('#tr-roll-summary').textContent(), new RegExp(`${n} people; 0 marked`));
  const marks = [['present', 0], ['late', 1], ['absent', 2], ['excused', 3]];
  for (const [status, i] of marks) {
    await rows.nth(i).locator(`button[data-status="${status}"]`).click();
    await rows.nth(i).locator('.tr-rowstate.tr-ok').waitFor();
  }
  // A change of mind: late -> present, recorded as a correction.
  await rows.nth(1).locator('button[data-status="present"]').click();
  await rows.nth(1).locator('.tr-rowstate', { hasText: 'Saved: Present' }).waitFor();
  assert.match(await trainer.locator('#tr-roll-summary').textContent(), /4 marked/);
  await trainer.reload();
  await trainer.locator('.tr-roll-row').first().waitFor();
  const expect = ['present', 'present', 'absent', 'excused'];
  for (let i = 0; i < expect.length; i += 1)
    assert.equal(await rows.nth(i).locator('button[aria-pressed="true"]').getAttribute('data-status'),
      expect[i], `row ${i} after the reload`);
  assert.match(await trainer.locator('#tr-roll-summary').textContent(), /4 marked/);
  await screenshot(trainer, 'trainer-roll-desktop');
  assert.deepEqual(trainer.errors, []);
});

test('a drill score under the ethics floor: the form comes from the schema, the outcome from the server', async () => {
  await open(trainer, `/trainer/session/${state.drill}/scores`, 'select[name="worker"]');
  assert.match(await trainer.locator('main h1').textContent(), /^Scores: Drill: home visit/);
  const scored = trainer.locator('select[name="worker"] option', { hasText: SCORED.person });
  state.scoredId = await scored.getAttribute('value');
  await trainer.locator('select[name="worker"]').selectOption(state.scoredId);
  const ethics = trainer.locator('input[name="scores.ethics"]');
  // The rubric's criteria (from the cohort's course version), each with its range and floor.
  assert.equal(await trainer.locator('.tr-criterion input').count(), 4);
  assert.equal(await ethics.getAttribute('max'), '15');
  assert.equal(await ethics.getAttribute('min'), '0');
  assert.match(await trainer.locator('.tr-criterion', { has: ethics }).textContent(), /floor 9/);
  const ethicsId = await ethics.getAttribute('id');
  assert.equal(await trainer.locator(`label[for="${ethicsId}"]`).textContent(), 'Ethics and safety');
  for (const [name, v] of [['assessment', '28'], ['plan', '27'], ['communication', '22']])
    await trainer.locator(`input[name="scores.${name}"]`).fill(v);
  // Checked in the page as the schema says: 16 is over the max of 15, nothing is sent.
  await ethics.fill('16');
  await trainer.locator('button[type="submit"]').click();
  await trainer.locator('[data-field="scores"] .tr-field-error', { hasText: 'at most 15' }).waitFor();
  await ethics.fill('8');
  assert.match(await trainer.locator('.tr-criterion', { has: ethics }).textContent(), /Below the floor of 9/);

  // The server's own refusal lands next to its field, by path ("fields.scores"): the request
  // is altered on its way (a score of -1) and the real server answers it.
  await trainer.route('**/api/v1/evidence', async (route) => {
    const body = JSON.parse(route.request().postData());
    body.fields.scores.ethics = -1;
    await route.continue({ postData: JSON.stringify(body) });
  }, { times: 1 });
  await trainer.locator('button[type="submit"]').click();
  await trainer.locator('[data-field="scores"] .tr-field-error', { hasText: "the score for 'ethics' is below 0" }).waitFor();
  assert.match(await trainer.locator('#tr-result [role="alert"]').textContent(), /Please correct the marked fields/);
  await trainer.unrouteAll();
  await trainer.locator('button[type="submit"]').click();
  await trainer.locator('#tr-result .tr-ok').waitFor();
  const outcome = trainer.locator('#tr-result .tr-sentence').first();
  await outcome.waitFor();
  assert.match(await outcome.textContent(), /Home visit scored 85 but Ethics and safety 8 < 9/);
  await screenshot(trainer, 'trainer-scores-desktop');

  assert.deepEqual(trainer.errors, []);
});

test('the worker scored sees the drill not passed, with the criterion and its floor', async () => {
  const page = await newPage(browser, { width: 1280, locale: 'en-US' });
  await login(page, server.url, SCORED.username, SCORED.password);
  const drills = page.locator('[data-set="completion"] [data-requirement="drills"]').first();
  await drills.waitFor();
  assert.match(await drills.textContent(), /Home visit scored 85 but Ethics and safety 8 < 9/);
  await screenshot(page, 'trainer-scored-worker-progress');
  await page.context().close();
});

test('the cohort page: bars per module drawn as SVG, a table for screen readers, share certified', async () => {
  await open(trainer, `/trainer/cohort/${state.cohort.id}`, 'svg.tr-chart');
  assert.match(await trainer.locator('main h1').textContent(), /^Cohort progress: TY-5/);
  const report = await apiFromPage(trainer, 'GET', `/api/v1/cohorts/${state.cohort.id}/report`);
  const chart = trainer.locator('svg.tr-chart').first();
  assert.equal(await chart.locator('text.tr-chart-label').count(), report.body.modules.length);
  const table = trainer.locator('table.tr-sr-only').first();
  assert.equal(await table.locator('tbody tr').count(), report.body.modules.length);
  assert.match(await trainer.locator('#tr-certified').textContent(), /Share certified/);
  await screenshot(trainer, 'trainer-cohort-desktop');
  assert.deepEqual(trainer.errors, []);
});

test('every trainer page works at 360 px, in Chinese, by keyboard', async () => {
  const page = await newPage(browser, { width: 360, locale: 'zh-CN' });
  await login(page, server.url, DEMO.trainer.username, DEMO.trainer.password);
  const pages = [
    ['week', '/trainer/week', '.tr-week'],
    ['schedule', '/trainer/schedule', 'select[name="template"] option'],
    ['roll', `/trainer/session/${state.unit}/roll`, '.tr-roll-row'],
    ['scores', `/trainer/session/${state.drill}/scores`, 'select[name="worker"]'],
    ['cohort', `/trainer/cohort/${state.cohort.id}`, 'svg.tr-chart'],
  ];
  for (const [name, hash, ready] of pages) {
    await open(page, hash, ready);
    assert.ok(await scrollWidth(page) <= 360, `${name}: nothing sticks out at 360 px`);
    await screenshot(page, `trainer-${name}-phone`);
  }
  assert.equal(await page.locator('main h1').textContent(), '期的进度：TY-5 头雁领航·雏雁丰羽 第五期');
  // The roll call by keyboard: Tab to a mark, Enter saves it.
  await open(page, `/trainer/session/${state.unit}/roll`, '.tr-roll-row');
  const row = page.locator('.tr-roll-row').nth(4);
  await row.locator('button[data-status="late"]').focus();
  await page.keyboard.press('Enter');
  await row.locator('.tr-rowstate.tr-ok', { hasText: '迟到' }).waitFor();
  assert.equal(await row.locator('button[data-status="late"]').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
