// The shell of the pages: login, the top bar (who, role, language, logout), the navigation
// built from the routes the user's role may see, and a hash router (#/path/with/:params).
// Pages are routes {path, roles, nav, render(el, ctx, params)} from ../pages/index.js, which
// lists each audience's (pages/worker, pages/admin, pages/trainer). The server enforces every
// access rule (403); the shell only spares a user links that would be refused.

import { h, clear } from './dom.js';
import { t, tx, lang, setLang, onLangChange, addStrings } from './i18n.js';
import { api, ApiFailure, setCsrfToken } from './api.js';
import { setServerNow } from './clock.js';
import pageRoutes from '../pages/index.js';

addStrings({
  zh: {
    'app.name': '雁阵',
    'app.login.title': '登录雁阵',
    'app.login.intro': '社区工作者培训与持证管理',
    'app.login.username': '用户名',
    'app.login.password': '密码',
    'app.login.submit': '登录',
    'app.login.busy': '正在登录…',
    'app.logout': '退出登录',
    'app.lang.switch': 'English',
    'app.lang.label': '切换语言 Switch language',
    'app.role.admin': '管理员',
    'app.role.trainer': '培训师',
    'app.role.worker': '社区工作者',
    'app.nav.label': '主导航',
    'app.notfound.title': '没有这个页面',
    'app.notfound.text': '地址 {path} 不存在。',
    'app.noaccess.title': '无权访问',
    'app.noaccess.text': '您的账号无权查看此页面。',
    'app.home': '回到首页',
    'app.error.title': '出错了',
    'app.loading': '正在加载…',
    'app.session.expired': '登录已过期，请重新登录',
    'app.csrf': '登录状态已失效，请退出后重新登录',
    'app.close': '关闭',
  },
  en: {
    'app.name': 'Yanzhen',
    'app.login.title': 'Log in to Yanzhen',
    'app.login.intro': 'Training and licensing of community social workers',
    'app.login.username': 'Username',
    'app.login.password': 'Password',
    'app.login.submit': 'Log in',
    'app.login.busy': 'Logging in…',
    'app.logout': 'Log out',
    'app.lang.switch': '中文',
    'app.lang.label': '切换语言 Switch language',
    'app.role.admin': 'Administrator',
    'app.role.trainer': 'Trainer',
    'app.role.worker': 'Social worker',
    'app.nav.label': 'Main navigation',
    'app.notfound.title': 'No such page',
    'app.notfound.text': 'There is no page at {path}.',
    'app.noaccess.title': 'No access',
    'app.noaccess.text': 'Your account may not see this page.',
    'app.home': 'Back to the start page',
    'app.error.title': 'Something went wrong',
    'app.loading': 'Loading…',
    'app.session.expired': 'Your login has expired: please log in again',
    'app.csrf': 'Your login is no longer valid here: log out and log in again',
    'app.close': 'Close',
  },
});

const routes = pageRoutes.map((r) => ({ ...r, match: compile(r.path) }));

const topbar = document.getElementById('topbar');
const navEl = document.getElementById('nav');
const main = document.getElementById('main');
const toasts = document.getElementById('toasts');

let me = null;          // the /api/v1/auth/me answer, null when logged out
let renderCount = 0;    // a page that finishes after the user moved on must not draw

/** '/workers/:id/progress' -> a matcher giving {id} or null. */
function compile(path) {
  const names = [];
  const source = path.split('/').map((part) => {
    if (part.startsWith(':')) { names.push(part.slice(1)); return '([^/]+)'; }
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('/');
  const re = new RegExp('^' + source + '$');
  return (p) => {
    const m = re.exec(p);
    if (!m) return null;
    const params = {};
    names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
    return params;
  };
}

function currentPath() {
  const hash = location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash.split('?')[0] : '/';
}

function navigate(hash) {
  const target = hash.startsWith('#') ? hash : '#' + hash;
  if (location.hash === target) render(); else location.hash = target;
}

/** A short message at the bottom of the screen; `kind`: ok, warn, bad. */
function toast(message, kind = 'ok') {
  const item = h('div', { class: 'toast toast-' + kind, role: kind === 'bad' ? 'alert' : null },
    h('span', {}, message),
    h('button', { type: 'button', class: 'toast-close', 'aria-label': t('app.close'),
      'on:click': () => item.remove() }, '×'));
  toasts.appendChild(item);
  setTimeout(() => item.remove(), kind === 'bad' ? 10000 : 5000);
}

function allowed(route) {
  return !route.roles || (me && route.roles.includes(me.role));
}

function visibleNav() {
  return routes.filter((r) => r.nav && allowed(r) && !r.path.includes(':'));
}

/** Where a role starts: its first navigation entry. */
function homePath() {
  const first = visibleNav()[0];
  return first ? first.path : '/';
}

function context() {
  return { api, t, tx, lang, me, navigate, toast };
}

function renderTopbar() {
  clear(topbar);
  const langButton = h('button', {
    type: 'button', class: 'btn btn-quiet', id: 'lang-switch', lang: lang() === 'zh' ? 'en' : 'zh',
    'aria-label': t('app.lang.label'),
    'on:click': () => setLang(lang() === 'zh' ? 'en' : 'zh'),
  }, t('app.lang.switch'));
  topbar.appendChild(h('a', { class: 'brand', href: '#' + (me ? homePath() : '/') },
    h('img', { src: 'img/yanzhen.svg', alt: '', width: 28, height: 28 }),
    h('span', {}, t('app.name'))));
  const tools = h('div', { class: 'topbar-tools' });
  if (me) {
    tools.appendChild(h('span', { class: 'who', id: 'who' },
      h('span', { class: 'who-name' }, me.username),
      h('span', { class: 'who-role' }, t('app.role.' + me.role))));
  }
  tools.appendChild(langButton);
  if (me) {
    tools.appendChild(h('button', { type: 'button', class: 'btn btn-quiet', id: 'logout',
      'on:click': logout }, t('app.logout')));
  }
  topbar.appendChild(tools);
}

function renderNav() {
  clear(navEl);
  navEl.setAttribute('aria-label', t('app.nav.label'));
  if (!me) { navEl.hidden = true; return; }
  navEl.hidden = false;
  const path = currentPath();
  navEl.appendChild(h('ul', {}, visibleNav().map((r) => h('li', {},
    h('a', { href: '#' + r.path, 'aria-current': path === r.path ? 'page' : null },
      tx(r.nav))))));
}

function page(title, ...content) {
  clear(main);
  main.appendChild(h('h1', {}, title));
  for (const c of content) main.appendChild(c);
  document.title = title + ' · ' + t('app.name');
}

function noAccess() {
  page(t('app.noaccess.title'),
    h('p', { role: 'alert', class: 'alert alert-bad', id: 'no-access' }, t('app.noaccess.text')),
    h('p', {}, h('a', { href: '#' + homePath() }, t('app.home'))));
}

function renderLogin() {
  me = null;
  renderTopbar();
  renderNav();
  const error = h('p', { role: 'alert', class: 'alert alert-bad', id: 'login-error', hidden: true });
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username',
    required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'login-submit' },
    t('app.login.submit'));
  const form = h('form', { class: 'card login', id: 'login-form', novalidate: true,
    'on:submit': async (event) => {
      event.preventDefault();
      error.hidden = true;
      if (!username.value || !password.value) {
        error.textContent = lang() === 'zh' ? '请输入用户名和密码' : 'Enter your username and password';
        error.hidden = false;
        (username.value ? password : username).focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = t('app.login.busy');
      try {
        const answer = await api.post('/api/v1/auth/login',
          { username: username.value.trim(), password: password.value });
        setCsrfToken(answer.csrf_token);
        me = await whoAmI();
        password.value = '';
        const wanted = currentPath();
        if (wanted === '/' || wanted === '/login') navigate(homePath()); else render();
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
        submit.disabled = false;
        submit.textContent = t('app.login.submit');
        password.select();
        password.focus();
      }
    } },
  h('p', { class: 'muted' }, t('app.login.intro')),
  h('div', { class: 'field' }, h('label', { for: 'login-username' }, t('app.login.username')),
    username),
  h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('app.login.password')),
    password),
  error,
  h('div', { class: 'actions' }, submit));
  page(t('app.login.title'), form);
  username.focus();
}

async function logout() {
  try { await api.post('/api/v1/auth/logout'); } catch (e) { /* logged out anyway */ }
  setCsrfToken(null);
  me = null;
  location.hash = '#/';
  renderLogin();
}

async function render() {
  const ticket = ++renderCount;
  if (!me) { renderLogin(); return; }
  renderTopbar();
  renderNav();
  let path = currentPath();
  if (path === '/' || path === '/login') {
    path = homePath();
    history.replaceState(null, '', '#' + path);
    renderNav();
  }
  let route = null;
  let params = null;
  for (const r of routes) {
    params = r.match(path);
    if (params) { route = r; break; }
  }
  if (!route) {
    page(t('app.notfound.title'), h('p', {}, t('app.notfound.text', { path })),
      h('p', {}, h('a', { href: '#' + homePath() }, t('app.home'))));
    return;
  }
  if (!allowed(route)) { noAccess(); return; }
  clear(main);
  main.appendChild(h('p', { class: 'loading', role: 'status' }, t('app.loading')));
  const el = h('div', { class: 'page' });
  try {
    await route.render(el, context(), params);
    if (ticket !== renderCount) return;
    clear(main);
    main.appendChild(el);
    const title = el.querySelector('h1');
    document.title = (title ? title.textContent + ' · ' : '') + t('app.name');
  } catch (e) {
    if (ticket !== renderCount) return;
    failed(e);
  }
}

/** What a page that threw shows: the login again (401), no access (403), or the error. */
function failed(e) {
  if (e instanceof ApiFailure && e.status === 401) {
    toast(t('app.session.expired'), 'warn');
    renderLogin();
    return;
  }
  if (e instanceof ApiFailure && e.status === 403) {
    if (e.code === 'csrf') toast(t('app.csrf'), 'bad');
    noAccess();
    return;
  }
  page(t('app.error.title'),
    h('p', { role: 'alert', class: 'alert alert-bad' }, e && e.message ? e.message : String(e)));
}

/** The /api/v1/auth/me answer; it also sets the pages' clock to the server's. */
async function whoAmI() {
  const answer = await api.get('/api/v1/auth/me');
  setServerNow(answer.now);
  return answer;
}

async function start() {
  try {
    me = await whoAmI();
  } catch (e) {
    me = null;
  }
  render();
}

window.addEventListener('hashchange', () => {
  render();
  main.focus({ preventScroll: true });
});
onLangChange(() => render());
// The pages themselves catch what they expect; anything else is said, not swallowed.
window.addEventListener('unhandledrejection', (event) => {
  const e = event.reason;
  if (e instanceof ApiFailure && e.status === 401) { failed(e); return; }
  toast(e && e.message ? e.message : String(e), 'bad');
});

start();
