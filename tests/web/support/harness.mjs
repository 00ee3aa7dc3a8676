// The browser tests' harness: a real `yanzhen serve` over a fresh demo database, Debian's
// chromium driven headless by playwright-core, and the few steps every test takes.
//
//   const server = await startServer({ demo: true });
//   const browser = await launchBrowser();
//   const page = await newPage(browser, { width: 360, locale: 'zh-CN' });
//   await login(page, server.url, 'worker', 'demo-worker-2025');
//   await screenshot(page, 'worker-progress-phone');
//   ... await browser.close(); await server.stop();
//
// YANZHEN_BINARY (set by ctest) is the `yanzhen` executable of the build; it finds its plugins,
// courses and web pages beside itself. YANZHEN_ARTIFACT_DIR is where screenshots go.
//
// Every `yanzhen` these tests start lives on DEMO_DAY (YANZHEN_DATE pins its clock), and the
// pages take their dates from the server: what the tests expect holds on any day the machine's
// clock says (`make test-dates` runs them a year ahead and a year back).

import { spawn, execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = resolve(here, '..', '..', '..');

/** The day the demo district is built for and the server lives on (its 00:00 Beijing time). */
export const DEMO_DAY = '2026-11-28';

/** The environment of every `yanzhen` the tests start: messages in English, the clock pinned. */
export function yanzhenEnv(extra = {}) {
  return { ...process.env, YANZHEN_LANG: 'en', YANZHEN_DATE: DEMO_DAY, ...extra };
}

export const DEMO = {
  admin: { username: 'admin', password: 'demo-admin-2025' },
  trainer: { username: 'trainer', password: 'demo-trainer-2025', person: 'JY-0392' },
  worker: { username: 'worker', password: 'demo-worker-2025', person: 'JY-0036' },
  // A worker whose district licence is in force (who it is depends on the demo's seed).
  holder: { username: 'holder', password: 'demo-holder-2025' },
};

/** The `yanzhen` executable: YANZHEN_BINARY, else the default build tree's. */
export function binary() {
  return process.env.YANZHEN_BINARY || join(sourceDir, 'build', 'bin', 'yanzhen');
}

/** Runs `yanzhen <args>` on DEMO_DAY; resolves to {stdout, stderr}, rejects when it exits
 *  non-zero. */
export async function runYanzhen(args, options = {}) {
  return promisify(execFile)(binary(), args,
    { timeout: 60000, ...options, env: yanzhenEnv(options.env) });
}

/**
 * A fresh temporary folder, `yanzhen init --demo` in it (when `demo`), then `yanzhen serve` on a
 * port of 127.0.0.1 that the kernel picks (--port 0: no port is chosen here and taken by another
 * test before the server binds it), read off its "serving" line, then waited for through /healthz. `before(dbPath)` runs after init and
 * before the server starts (to add accounts with `yanzhen users add`).
 * Resolves to { url, dbPath, folder, stop() }; stop() ends the server and removes the folder.
 */
export async function startServer({ demo = true, before } = {}) {
  const folder = await mkdtemp(join(tmpdir(), 'yanzhen-web-'));
  const dbPath = join(folder, 'yanzhen.db');
  const env = yanzhenEnv();
  if (demo) await runYanzhen(['init', '--demo', '--db', dbPath]);
  if (before) await before(dbPath);
  const child = spawn(binary(),
    ['serve', '--port', '0', '--bind', '127.0.0.1', '--db', dbPath],
    { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  let exited = false;
  child.on('exit', () => { exited = true; });
  let url = null;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (exited) throw new Error(`yanzhen serve exited:\n${output}`);
    const serving = /serving http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
    if (serving) url = `http://127.0.0.1:${serving[1]}`;
    try {
      if (url && (await fetch(url + '/healthz')).ok) break;
    } catch (e) { /* not up yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`yanzhen serve did not answer /healthz within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dbPath,
    folder,
    output: () => output,
    async stop() {
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
        await gone;
        clearTimeout(timer);
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Debian's chromium, headless, with nothing of its own on the network. Playwright gives every
 * launch a fresh temporary profile (its --user-data-dir) and removes it on close.
 */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.YANZHEN_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    timeout: 60000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

/** A page in its own context (own cookies and storage) `width` pixels wide, in `locale`. */
export async function newPage(browser, { width = 1280, height, locale = 'zh-CN' } = {}) {
  const context = await browser.newContext({
    viewport: { width, height: height || (width <= 480 ? 740 : 800) },
    locale,
    deviceScaleFactor: 1,
    isMobile: width <= 480,
    hasTouch: width <= 480,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  // What the Content-Security-Policy refused: the pages must need nothing it forbids.
  page.cspViolations = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
      page.cspViolations.push(m.text());
  });
  return page;
}

/** Opens the pages and logs in through the login form; resolves once the top bar shows who. */
export async function login(page, url, username, password) {
  await page.goto(url + '/');
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-submit').click();
  await page.locator('#logout').waitFor();
  await page.locator('main h1').waitFor();
}

/** Writes the whole page to <YANZHEN_ARTIFACT_DIR or build/web-artifacts>/<name>.png. */
export async function screenshot(page, name) {
  const dir = process.env.YANZHEN_ARTIFACT_DIR || join(sourceDir, 'build', 'web-artifacts');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits until a page rendered by the shell has finished loading (its h1 is there). */
export async function settled(page) {
  await page.locator('main .page h1, main > h1').first().waitFor();
}

/** The widest the document gets: more than the viewport means something sticks out. */
export async function scrollWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Calls the API from inside the page (its cookie and CSRF token): {status, body}. */
export async function apiFromPage(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const headers = { 'Accept': 'application/json' };
    const csrf = localStorage.getItem('yz-csrf');
    if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch(path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch (e) { /* not JSON */ }
    return { status: r.status, body: json, text };
  }, { method, path, body });
}
