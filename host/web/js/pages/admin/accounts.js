// #/admin/accounts: the login accounts: add one, disable one, set a new password.

import { h, clear } from '../../shell/dom.js';
import { t } from '../../shell/i18n.js';
import { dialog, field, showError, table } from './widgets.js';

export async function renderAccounts(el, ctx) {
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
