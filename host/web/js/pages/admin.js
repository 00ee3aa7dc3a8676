// The admin's pages: people (search, paging), accounts (add, disable, new password), the
// plugins with their refusals, the courses, and the audit log with its chain check.

import { h, clear } from '../dom.js';
import { t, tx, addStrings } from '../i18n.js';
import { ApiFailure } from '../api.js';

addStrings({
  zh: {
    'admin.people.title': '人员',
    'admin.list.sep': '、',
    'admin.people.search': '按姓名搜索',
    'admin.people.go': '搜索',
    'admin.people.code': '编号',
    'admin.people.name': '姓名',
    'admin.people.posts': '岗位',
    'admin.people.progress': '查看进度',
    'admin.people.none': '没有找到人员。',
    'admin.page.range': '第 {from}–{to} 条，共 {total} 条',
    'admin.page.prev': '上一页',
    'admin.page.next': '下一页',
    'admin.accounts.title': '账号',
    'admin.accounts.add': '新建账号',
    'admin.accounts.username': '用户名',
    'admin.accounts.role': '角色',
    'admin.accounts.person': '人员编号（培训师和社工必填）',
    'admin.accounts.password': '初始密码（至少 10 个字符）',
    'admin.accounts.create': '创建账号',
    'admin.accounts.created': '已创建账号 {username}',
    'admin.accounts.personcol': '人员',
    'admin.accounts.status': '状态',
    'admin.accounts.active': '启用',
    'admin.accounts.disabled': '已停用',
    'admin.accounts.actions': '操作',
    'admin.accounts.disable': '停用',
    'admin.accounts.disable.confirm': '停用账号 {username}？其所有登录会话和令牌将被撤销。',
    'admin.accounts.disabled.done': '已停用账号 {username}',
    'admin.accounts.reset': '重置密码',
    'admin.accounts.reset.title': '为 {username} 设置新密码',
    'admin.accounts.newpassword': '新密码（至少 10 个字符）',
    'admin.accounts.reset.done': '已为 {username} 设置新密码，结束了 {n} 个登录会话',
    'admin.cancel': '取消',
    'admin.confirm': '确定',
    'admin.save': '保存',
    'admin.plugins.title': '插件',
    'admin.plugins.loaded': '已加载',
    'admin.plugins.refused': '被拒绝的插件',
    'admin.plugins.norefused': '没有被拒绝的插件。',
    'admin.plugins.id': '标识',
    'admin.plugins.name': '名称',
    'admin.plugins.version': '版本',
    'admin.plugins.status': '状态',
    'admin.plugins.file': '文件',
    'admin.plugins.reason': '原因',
    'admin.courses.title': '课程',
    'admin.courses.id': '标识',
    'admin.courses.name': '课程名称',
    'admin.courses.version': '版本',
    'admin.courses.modules': '模块数',
    'admin.courses.validation': '校验',
    'admin.courses.valid': '已通过校验',
    'admin.courses.hash': '内容指纹',
    'admin.audit.title': '审计日志',
    'admin.audit.verify': '校验哈希链',
    'admin.audit.intact': '哈希链完整：共 {entries} 条记录，末条哈希 {head}',
    'admin.audit.broken': '哈希链在第 {at} 条处断开：{problem}',
    'admin.audit.at': '时间',
    'admin.audit.actor': '操作者',
    'admin.audit.action': '动作',
    'admin.audit.entity': '对象',
    'admin.audit.details': '详情',
  },
  en: {
    'admin.people.title': 'People',
    'admin.list.sep': ', ',
    'admin.people.search': 'Search by name',
    'admin.people.go': 'Search',
    'admin.people.code': 'Staff number',
    'admin.people.name': 'Name',
    'admin.people.posts': 'Posts',
    'admin.people.progress': 'Progress',
    'admin.people.none': 'Nobody found.',
    'admin.page.range': '{from}–{to} of {total}',
    'admin.page.prev': 'Previous',
    'admin.page.next': 'Next',
    'admin.accounts.title': 'Accounts',
    'admin.accounts.add': 'Add an account',
    'admin.accounts.username': 'Username',
    'admin.accounts.role': 'Role',
    'admin.accounts.person': 'Staff number (trainers and workers)',
    'admin.accounts.password': 'First password (at least 10 characters)',
    'admin.accounts.create': 'Create the account',
    'admin.accounts.created': 'Account {username} created',
    'admin.accounts.personcol': 'Person',
    'admin.accounts.status': 'Status',
    'admin.accounts.active': 'active',
    'admin.accounts.disabled': 'disabled',
    'admin.accounts.actions': 'Actions',
    'admin.accounts.disable': 'Disable',
    'admin.accounts.disable.confirm': 'Disable the account {username}? All its sessions and tokens are revoked.',
    'admin.accounts.disabled.done': 'Account {username} disabled',
    'admin.accounts.reset': 'New password',
    'admin.accounts.reset.title': 'A new password for {username}',
    'admin.accounts.newpassword': 'New password (at least 10 characters)',
    'admin.accounts.reset.done': 'New password set for {username}; {n} sessions ended',
    'admin.cancel': 'Cancel',
    'admin.confirm': 'Confirm',
    'admin.save': 'Save',
    'admin.plugins.title': 'Plugins',
    'admin.plugins.loaded': 'Loaded',
    'admin.plugins.refused': 'Refused plugins',
    'admin.plugins.norefused': 'No plugin was refused.',
    'admin.plugins.id': 'Id',
    'admin.plugins.name': 'Name',
    'admin.plugins.version': 'Version',
    'admin.plugins.status': 'Status',
    'admin.plugins.file': 'File',
    'admin.plugins.reason': 'Reason',
    'admin.courses.title': 'Courses',
    'admin.courses.id': 'Id',
    'admin.courses.name': 'Course',
    'admin.courses.version': 'Version',
    'admin.courses.modules': 'Modules',
    'admin.courses.validation': 'Validation',
    'admin.courses.valid': 'valid',
    'admin.courses.hash': 'Fingerprint',
    'admin.audit.title': 'Audit log',
    'admin.audit.verify': 'Verify the hash chain',
    'admin.audit.intact': 'The chain is intact: {entries} entries, last hash {head}',
    'admin.audit.broken': 'The chain breaks at entry {at}: {problem}',
    'admin.audit.at': 'When',
    'admin.audit.actor': 'Who',
    'admin.audit.action': 'Action',
    'admin.audit.entity': 'Record',
    'admin.audit.details': 'Details',
  },
});

const ADMIN = ['admin'];
// The post kinds the district uses; an unknown one shows as it is stored.
const POSTS = {
  social_worker: { zh: '社区工作者', en: 'social worker' },
  committee_member: { zh: '社区两委委员', en: 'committee member' },
  party_affairs: { zh: '党务工作者', en: 'party affairs' },
  governance_officer: { zh: '网格治理员', en: 'governance officer' },
  trainer: { zh: '培训师', en: 'trainer' },
};
const PAGE_SIZE = 20;

/** A table that stacks into cards on a phone; `columns`: [{label, cell(row) -> node|string}]. */
function table(id, columns, rows) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'stack', id },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) =>
        h('td', { 'data-label': c.label }, c.cell(row))))))));
}

/** Previous / next buttons and "1–20 of 397"; `go(offset)` loads another page. */
function pager(page, go) {
  const from = page.total ? page.offset + 1 : 0;
  const to = page.offset + page.items.length;
  return h('div', { class: 'pager' },
    h('button', { type: 'button', class: 'btn btn-small', disabled: page.offset === 0,
      'on:click': () => go(Math.max(0, page.offset - page.limit)) }, t('admin.page.prev')),
    h('span', { class: 'muted', role: 'status' },
      t('admin.page.range', { from, to, total: page.total })),
    h('button', { type: 'button', class: 'btn btn-small', disabled: to >= page.total,
      'on:click': () => go(page.offset + page.limit) }, t('admin.page.next')));
}

/** An error for the user, in the alert region of a form. */
function showError(region, e) {
  region.textContent = e instanceof ApiFailure ? e.message : String(e && e.message ? e.message : e);
  region.hidden = false;
}

/**
 * A modal dialog with a form: Escape or Cancel closes it, Enter submits. `fields`: inputs
 * (with their labels) to show; `submit()` resolves when done, throws to show the error.
 */
function dialog(title, fields, submitLabel, submit) {
  const error = h('p', { role: 'alert', class: 'alert alert-bad', hidden: true });
  const dlg = h('dialog', { 'aria-labelledby': 'dialog-title', class: 'dialog' });
  const form = h('form', { method: 'dialog',
    'on:submit': async (event) => {
      event.preventDefault();
      error.hidden = true;
      try {
        await submit();
        dlg.close();
      } catch (e) {
        showError(error, e);
      }
    } },
  h('h2', { id: 'dialog-title' }, title), fields, error,
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'dialog-submit' }, submitLabel),
    h('button', { type: 'button', class: 'btn', 'on:click': () => dlg.close() }, t('admin.cancel'))));
  dlg.appendChild(form);
  dlg.addEventListener('close', () => dlg.remove());
  document.body.appendChild(dlg);
  dlg.showModal();
  const first = dlg.querySelector('input');
  if (first) first.focus();
  return dlg;
}

function field(id, label, input) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

async function peoplePage(el, ctx) {
  el.appendChild(h('h1', {}, t('admin.people.title')));
  const results = h('div', { id: 'people-results', 'aria-live': 'polite' });
  const name = h('input', { id: 'people-name', name: 'name', type: 'search', autocomplete: 'off' });
  let offset = 0;
  async function load() {
    const q = new URLSearchParams({ limit: PAGE_SIZE, offset });
    if (name.value.trim()) q.set('name', name.value.trim());
    const page = await ctx.api.get('/api/v1/workers?' + q);
    clear(results);
    if (!page.items.length) {
      results.appendChild(h('p', { class: 'empty' }, t('admin.people.none')));
      return;
    }
    results.appendChild(table('people', [
      { label: t('admin.people.code'), cell: (p) => p.code },
      { label: t('admin.people.name'), cell: (p) => p.name },
      { label: t('admin.people.posts'),
        cell: (p) => (p.posts || []).map((k) => (POSTS[k] ? tx(POSTS[k]) : k))
          .join(t('admin.list.sep')) },
      { label: t('admin.people.progress'),
        cell: (p) => h('a', { href: `#/workers/${p.id}/progress` }, t('admin.people.progress')) },
    ], page.items));
    results.appendChild(pager(page, (o) => { offset = o; load(); }));
  }
  el.appendChild(h('form', { role: 'search', class: 'toolbar',
    'on:submit': (event) => { event.preventDefault(); offset = 0; load(); } },
  field('people-name', t('admin.people.search'), name),
  h('button', { type: 'submit', class: 'btn btn-primary' }, t('admin.people.go'))));
  el.appendChild(results);
  await load();
}

async function accountsPage(el, ctx) {
  el.appendChild(h('h1', {}, t('admin.accounts.title')));
  const list = h('div', { id: 'accounts-list' });
  async function load() {
    const page = await ctx.api.get('/api/v1/accounts?limit=500');
    clear(list);
    list.appendChild(table('accounts', [
      { label: t('admin.accounts.username'), cell: (a) => h('span', { class: 'mono' }, a.username) },
      { label: t('admin.accounts.role'), cell: (a) => t('app.role.' + a.role) },
      { label: t('admin.accounts.personcol'),
        cell: (a) => (a.person ? `${a.person.name}（${a.person.code}）` : '—') },
      { label: t('admin.accounts.status'), cell: (a) => h('span',
        { class: 'badge ' + (a.disabled ? 'badge-disabled' : 'badge-active') },
        t(a.disabled ? 'admin.accounts.disabled' : 'admin.accounts.active')) },
      { label: t('admin.accounts.actions'), cell: (a) => h('span', { class: 'actions' },
        h('button', { type: 'button', class: 'btn btn-small', 'data-reset': a.username,
          'on:click': () => resetPassword(a.username) }, t('admin.accounts.reset')),
        a.disabled || a.username === ctx.me.username ? null
          : h('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-disable': a.username,
            'on:click': () => disable(a.username) }, t('admin.accounts.disable'))) },
    ], page.items));
  }
  function resetPassword(username) {
    const input = h('input', { id: 'reset-password', type: 'password', autocomplete: 'new-password',
      required: true, minlength: 10 });
    dialog(t('admin.accounts.reset.title', { username }),
      field('reset-password', t('admin.accounts.newpassword'), input), t('admin.save'), async () => {
        const r = await ctx.api.post('/api/v1/accounts/password', { username, password: input.value });
        ctx.toast(t('admin.accounts.reset.done', { username, n: r.sessions_ended }));
      });
  }
  function disable(username) {
    dialog(t('admin.accounts.disable'), h('p', {}, t('admin.accounts.disable.confirm', { username })),
      t('admin.confirm'), async () => {
        await ctx.api.post('/api/v1/accounts/disable', { username });
        ctx.toast(t('admin.accounts.disabled.done', { username }));
        await load();
      });
  }

  const username = h('input', { id: 'account-username', name: 'username', required: true,
    autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
  const role = h('select', { id: 'account-role', name: 'role' },
    ['worker', 'trainer', 'admin'].map((r) => h('option', { value: r }, t('app.role.' + r))));
  const person = h('input', { id: 'account-person', name: 'person', autocomplete: 'off' });
  const password = h('input', { id: 'account-password', name: 'password', type: 'password',
    autocomplete: 'new-password', required: true });
  const error = h('p', { role: 'alert', class: 'alert alert-bad', hidden: true, id: 'account-error' });
  const form = h('form', { class: 'card', id: 'account-form', 'aria-labelledby': 'account-add-title',
    'on:submit': async (event) => {
      event.preventDefault();
      error.hidden = true;
      const body = { username: username.value.trim(), role: role.value, password: password.value };
      if (person.value.trim()) body.person = person.value.trim();
      try {
        const created = await ctx.api.post('/api/v1/accounts', body);
        ctx.toast(t('admin.accounts.created', { username: created.username }));
        form.reset();
        await load();
      } catch (e) {
        showError(error, e);
      }
    } },
  h('h2', { id: 'account-add-title' }, t('admin.accounts.add')),
  field('account-username', t('admin.accounts.username'), username),
  field('account-role', t('admin.accounts.role'), role),
  field('account-person', t('admin.accounts.person'), person),
  field('account-password', t('admin.accounts.password'), password),
  error,
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'account-submit' },
      t('admin.accounts.create'))));
  el.appendChild(form);
  el.appendChild(list);
  await load();
}

async function pluginsPage(el, ctx) {
  const data = await ctx.api.get('/api/v1/plugins');
  el.appendChild(h('h1', {}, t('admin.plugins.title')));
  el.appendChild(h('h2', {}, t('admin.plugins.loaded')));
  el.appendChild(table('plugins', [
    { label: t('admin.plugins.id'), cell: (p) => h('span', { class: 'mono' }, p.id) },
    { label: t('admin.plugins.name'), cell: (p) => tx(p.title) },
    { label: t('admin.plugins.version'), cell: (p) => `${p.version} (ABI ${p.abi})` },
    { label: t('admin.plugins.status'), cell: (p) => h('span', { class: 'badge badge-' + p.status }, p.status) },
  ], data.items || []));
  el.appendChild(h('h2', {}, t('admin.plugins.refused')));
  const refused = data.refused || [];
  if (!refused.length) {
    el.appendChild(h('p', { class: 'empty', id: 'plugins-refused-none' }, t('admin.plugins.norefused')));
  } else {
    el.appendChild(table('plugins-refused', [
      { label: t('admin.plugins.file'), cell: (r) => h('span', { class: 'mono' }, r.file) },
      { label: t('admin.plugins.reason'), cell: (r) => r.message || tx(r.reason) },
    ], refused));
  }
}

async function coursesPage(el, ctx) {
  const data = await ctx.api.get('/api/v1/courses?limit=500');
  el.appendChild(h('h1', {}, t('admin.courses.title')));
  el.appendChild(table('courses', [
    { label: t('admin.courses.name'), cell: (c) => tx(c.title) },
    { label: t('admin.courses.id'), cell: (c) => h('span', { class: 'mono' }, c.id) },
    { label: t('admin.courses.version'), cell: (c) => c.version },
    { label: t('admin.courses.modules'), cell: (c) => String(c.modules) },
    // The catalog holds only courses that loaded and passed validation (`yanzhen courses check`).
    { label: t('admin.courses.validation'),
      cell: () => h('span', { class: 'badge badge-ok' }, t('admin.courses.valid')) },
    { label: t('admin.courses.hash'), cell: (c) => h('span', { class: 'mono', title: c.hash },
      String(c.hash || '').slice(0, 12)) },
  ], data.items || []));
}

async function auditPage(el, ctx) {
  el.appendChild(h('h1', {}, t('admin.audit.title')));
  const verdict = h('p', { role: 'status', id: 'audit-verdict', 'aria-live': 'polite' });
  const verify = h('button', { type: 'button', class: 'btn btn-primary', id: 'audit-verify',
    'on:click': async () => {
      verify.disabled = true;
      try {
        const v = await ctx.api.get('/api/v1/audit/verify');
        verdict.className = 'alert ' + (v.intact ? 'alert-ok' : 'alert-bad');
        verdict.textContent = v.intact
          ? t('admin.audit.intact', { entries: v.entries, head: String(v.head).slice(0, 16) + '…' })
          : t('admin.audit.broken', { at: v.at, problem: v.problem });
      } catch (e) {
        verdict.className = 'alert alert-bad';
        verdict.textContent = e.message;
      } finally {
        verify.disabled = false;
      }
    } }, t('admin.audit.verify'));
  el.appendChild(h('div', { class: 'toolbar' }, verify));
  el.appendChild(verdict);
  const list = h('div', { id: 'audit-list' });
  el.appendChild(list);
  async function load(offset) {
    const page = await ctx.api.get(`/api/v1/audit?limit=${PAGE_SIZE}&offset=${offset}`);
    clear(list);
    list.appendChild(table('audit', [
      { label: t('admin.audit.at'), cell: (e) => h('time', { datetime: e.at }, e.at.replace('T', ' ')) },
      { label: t('admin.audit.actor'), cell: (e) => e.actor },
      { label: t('admin.audit.action'), cell: (e) => h('span', { class: 'mono' }, e.action) },
      { label: t('admin.audit.entity'), cell: (e) => `${e.entity} ${e.entity_id || ''}` },
      { label: t('admin.audit.details'), cell: (e) => h('span', { class: 'mono' },
        e.details ? JSON.stringify(e.details) : '') },
    ], page.items));
    list.appendChild(pager(page, load));
  }
  await load(0);
}

export default [
  { path: '/admin/people', roles: ADMIN, nav: { zh: '人员', en: 'People' }, render: peoplePage },
  { path: '/admin/accounts', roles: ADMIN, nav: { zh: '账号', en: 'Accounts' }, render: accountsPage },
  { path: '/admin/plugins', roles: ADMIN, nav: { zh: '插件', en: 'Plugins' }, render: pluginsPage },
  { path: '/admin/courses', roles: ADMIN, nav: { zh: '课程', en: 'Courses' }, render: coursesPage },
  { path: '/admin/audit', roles: ADMIN, nav: { zh: '审计日志', en: 'Audit log' }, render: auditPage },
];
