// The social worker's pages, phone first: my progress, my sessions (with the calendar feed),
// my credentials. Staff reach a worker's progress through #/workers/:id/progress; a worker who
// opens someone else's gets "no access" (the API answers 403, and the shell says so).
// Routes for the shell's router (shell/app.js, through pages/index.js).

import { h } from '../../shell/dom.js';
import { t, addStrings } from '../../shell/i18n.js';
import strings from './strings.js';
import { renderProgressPage } from './progress.js';
import { renderSessions } from './sessions.js';
import { renderCredentials } from './credentials.js';

addStrings(strings);

const WORKER = ['worker'];
const EVERYONE = ['worker', 'trainer', 'admin'];

/** The worker id of the logged-in account, or a page saying there is none. */
function ownId(el, ctx, titleKey) {
  if (ctx.me.worker) return ctx.me.worker;
  el.appendChild(h('h1', {}, t(titleKey)));
  el.appendChild(h('p', { class: 'empty' }, t('worker.noperson')));
  return null;
}

/** A page about the logged-in account's own worker record: `render(el, ctx, id)`. */
function ownPage(titleKey, render) {
  return async (el, ctx) => {
    const id = ownId(el, ctx, titleKey);
    if (id) await render(el, ctx, id);
  };
}

export default [
  { path: '/my/progress', roles: WORKER, nav: { zh: '我的进度', en: 'My progress' },
    render: ownPage('worker.progress.title', (el, ctx, id) => renderProgressPage(el, ctx, id, true)) },
  { path: '/my/sessions', roles: WORKER, nav: { zh: '我的课程', en: 'My sessions' },
    render: ownPage('worker.sessions.title', renderSessions) },
  { path: '/my/credentials', roles: WORKER, nav: { zh: '我的证书', en: 'My credentials' },
    render: ownPage('worker.credentials.title', renderCredentials) },
  { path: '/workers/:id/progress', roles: EVERYONE, nav: null,
    render: (el, ctx, params) => renderProgressPage(el, ctx, params.id,
      ctx.me.worker !== undefined && String(ctx.me.worker) === params.id) },
];
