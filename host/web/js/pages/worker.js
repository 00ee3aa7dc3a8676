// The social worker's pages, phone first: my progress, my sessions (with the calendar feed),
// my credentials. Staff reach a worker's progress through #/workers/:id/progress; a worker who
// opens someone else's gets "no access" (the API answers 403, and the shell says so).

import { h } from '../dom.js';
import { t, tx, lang, addStrings } from '../i18n.js';
import { ApiFailure } from '../api.js';
import { beijingNow } from '../clock.js';
import { renderProgress } from './progress.js';

addStrings({
  zh: {
    'worker.progress.title': '我的进度',
    'worker.progress.of': '{name}（{code}）的进度',
    'worker.sessions.title': '我的课程安排',
    'worker.sessions.none': '近期没有安排课程。',
    'worker.sessions.upcoming': '即将开始',
    'worker.sessions.cancelled': '已取消',
    'worker.sessions.place': '地点：{place}',
    'worker.sessions.trainer': '培训师：{name}',
    'worker.calendar.title': '订阅我的日历',
    'worker.calendar.open': '下载我的日历（.ics）',
    'worker.calendar.help': '在手机日历中“添加订阅日历”，填入下面的地址；其中的日历令牌请向管理员申请（yanzhen users token）。',
    'worker.calendar.url': '订阅地址',
    'worker.credentials.title': '我的证书',
    'worker.credentials.none': '暂时还没有证书。完成培训并通过认证后，证书会显示在这里。',
    'worker.credentials.serial': '证书编号',
    'worker.credentials.level': '等级',
    'worker.credentials.authority': '发证机关',
    'worker.credentials.issued': '发证日期',
    'worker.credentials.valid': '有效期至',
    'worker.credentials.status': '状态',
    'worker.credentials.pdf': '下载证书 PDF',
    'worker.credentials.verify': '在线核验',
    'worker.noperson': '此账号没有关联社区工作者档案。',
  },
  en: {
    'worker.progress.title': 'My progress',
    'worker.progress.of': 'Progress of {name} ({code})',
    'worker.sessions.title': 'My sessions',
    'worker.sessions.none': 'No sessions are scheduled for you.',
    'worker.sessions.upcoming': 'Upcoming',
    'worker.sessions.cancelled': 'cancelled',
    'worker.sessions.place': 'Place: {place}',
    'worker.sessions.trainer': 'Trainer: {name}',
    'worker.calendar.title': 'Subscribe to my calendar',
    'worker.calendar.open': 'Download my calendar (.ics)',
    'worker.calendar.help': 'In your phone\'s calendar choose "add subscribed calendar" and enter the address below; ask an administrator for your calendar token (yanzhen users token).',
    'worker.calendar.url': 'Subscription address',
    'worker.credentials.title': 'My credentials',
    'worker.credentials.none': 'No credentials yet. They appear here once you complete a course and are certified.',
    'worker.credentials.serial': 'Serial number',
    'worker.credentials.level': 'Level',
    'worker.credentials.authority': 'Issued by',
    'worker.credentials.issued': 'Issued on',
    'worker.credentials.valid': 'Valid until',
    'worker.credentials.status': 'Status',
    'worker.credentials.pdf': 'Download the PDF',
    'worker.credentials.verify': 'Verify online',
    'worker.noperson': 'This account has no social worker record.',
  },
});

const WORKER = ['worker'];
const EVERYONE = ['worker', 'trainer', 'admin'];

/** The worker id of the logged-in account, or a page saying there is none. */
function ownId(el, ctx, titleKey) {
  if (ctx.me.worker) return ctx.me.worker;
  el.appendChild(h('h1', {}, t(titleKey)));
  el.appendChild(h('p', { class: 'empty' }, t('worker.noperson')));
  return null;
}

async function progressPage(el, ctx, id, own) {
  const data = await ctx.api.get(`/api/v1/workers/${encodeURIComponent(id)}/progress`);
  el.appendChild(h('h1', {}, own ? t('worker.progress.title')
    : t('worker.progress.of', { name: data.worker.name, code: data.worker.code })));
  renderProgress(el, data);
}

/** "2026-11-10T08:30" -> "11月10日 周二 08:30" / "Tue 10 Nov 08:30" (Beijing time, as stored). */
function when(startsAt, endsAt) {
  const [day, time] = String(startsAt).split('T');
  const end = String(endsAt || '').split('T')[1] || '';
  const date = new Date(day + 'T00:00:00Z');
  const locale = lang() === 'zh' ? 'zh-CN' : 'en-GB';
  const dayText = Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(locale,
    { timeZone: 'UTC', month: 'short', day: 'numeric', weekday: 'short' });
  return `${dayText} ${time || ''}${end ? '–' + end : ''}`;
}


async function sessionsPage(el, ctx) {
  const id = ownId(el, ctx, 'worker.sessions.title');
  if (!id) return;
  const worker = await ctx.api.get(`/api/v1/workers/${id}`);
  el.appendChild(h('h1', {}, t('worker.sessions.title')));
  const now = beijingNow();
  const upcoming = [];
  for (const c of worker.cohorts || []) {
    const page = await ctx.api.get(`/api/v1/cohorts/${c.id}/sessions?limit=500`);
    for (const s of page.items || []) if (String(s.ends_at) >= now) upcoming.push(s);
  }
  upcoming.sort((a, b) => String(a.starts_at).localeCompare(String(b.starts_at)));

  const feed = `/api/v1/workers/${id}/calendar.ics`;
  const subscribe = `webcal://${location.host}${feed}?token=…`;
  el.appendChild(h('section', { class: 'card calendar', 'aria-labelledby': 'calendar-title' },
    h('h2', { id: 'calendar-title' }, t('worker.calendar.title')),
    h('p', {}, h('a', { class: 'btn btn-primary', id: 'calendar-link', href: feed,
      download: 'yanzhen.ics' }, t('worker.calendar.open'))),
    h('p', { class: 'muted' }, t('worker.calendar.help')),
    h('p', {}, h('span', { class: 'label' }, t('worker.calendar.url') + ' '),
      h('code', { class: 'feed-url', id: 'calendar-url' }, subscribe))));

  el.appendChild(h('h2', {}, t('worker.sessions.upcoming')));
  if (!upcoming.length) {
    el.appendChild(h('p', { class: 'empty' }, t('worker.sessions.none')));
    return;
  }
  el.appendChild(h('ul', { class: 'sessions', id: 'sessions' }, upcoming.map((s) =>
    h('li', { class: 'card session' + (s.status === 'cancelled' ? ' cancelled' : ''),
      'data-session': s.id },
    h('h3', {}, tx(s.title),
      s.status === 'cancelled' ? h('span', { class: 'badge badge-unmet' },
        ' ' + t('worker.sessions.cancelled')) : null),
    h('p', { class: 'when' }, h('time', { datetime: s.starts_at }, when(s.starts_at, s.ends_at))),
    s.place ? h('p', {}, t('worker.sessions.place', { place: s.place })) : null,
    s.trainer ? h('p', { class: 'muted' }, t('worker.sessions.trainer',
      { name: s.trainer.name })) : null))));
}

function field(label, value) {
  if (value === undefined || value === null || value === '') return null;
  return [h('dt', {}, label), h('dd', {}, value)];
}

async function credentialsPage(el, ctx) {
  const id = ownId(el, ctx, 'worker.credentials.title');
  if (!id) return;
  el.appendChild(h('h1', {}, t('worker.credentials.title')));
  let items = [];
  try {
    const page = await ctx.api.get(`/api/v1/workers/${id}/credentials`);
    items = (page && page.items) || [];
  } catch (e) {
    // A host without the credentials routes yet answers 404: the same as having none.
    if (!(e instanceof ApiFailure) || e.status !== 404) throw e;
  }
  if (!items.length) {
    el.appendChild(h('p', { class: 'empty', id: 'credentials-empty' },
      t('worker.credentials.none')));
    return;
  }
  el.appendChild(h('ul', { class: 'credentials', id: 'credentials' }, items.map((c) =>
    h('li', { class: 'card credential', 'data-serial': c.serial },
      h('h2', {}, c.title ? tx(c.title) : String(c.credential || '')),
      h('p', { class: 'muted' }, tx(c.course && c.course.title)),
      h('dl', {},
        field(t('worker.credentials.serial'), c.serial),
        c.level && c.level !== c.credential
          ? field(t('worker.credentials.level'), tx(c.level)) : null,
        field(t('worker.credentials.authority'), tx(c.authority)),
        field(t('worker.credentials.issued'), c.issued_on),
        field(t('worker.credentials.valid'), c.valid_until),
        field(t('worker.credentials.status'), tx(c.status_text) || c.status)),
      h('p', { class: 'actions' },
        h('a', { class: 'btn btn-primary', href: `/api/v1/credentials/${encodeURIComponent(c.serial)}/pdf` },
          t('worker.credentials.pdf')),
        c.verify_url ? h('a', { class: 'btn', href: c.verify_url, rel: 'noopener' },
          t('worker.credentials.verify')) : null)))));
}

export default [
  { path: '/my/progress', roles: WORKER, nav: { zh: '我的进度', en: 'My progress' },
    render: async (el, ctx) => {
      const id = ownId(el, ctx, 'worker.progress.title');
      if (id) await progressPage(el, ctx, id, true);
    } },
  { path: '/my/sessions', roles: WORKER, nav: { zh: '我的课程', en: 'My sessions' },
    render: sessionsPage },
  { path: '/my/credentials', roles: WORKER, nav: { zh: '我的证书', en: 'My credentials' },
    render: credentialsPage },
  { path: '/workers/:id/progress', roles: EVERYONE, nav: null,
    render: (el, ctx, params) => progressPage(el, ctx, params.id,
      ctx.me.worker !== undefined && String(ctx.me.worker) === params.id) },
];
