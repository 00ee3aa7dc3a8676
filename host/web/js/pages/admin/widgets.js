// The pieces of page the admin's pages share: tables that stack into cards on a phone, a pager,
// a modal dialog with a form, a labelled field, and an error shown in a form's alert region.

import { h } from '../../shell/dom.js';
import { t } from '../../shell/i18n.js';
import { ApiFailure } from '../../shell/api.js';

/** How many rows a page of a paged list shows. */
export const PAGE_SIZE = 20;

/** A table that stacks into cards on a phone; `columns`: [{label, cell(row) -> node|string}]. */
export function table(id, columns, rows) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'stack', id },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) =>
        h('td', { 'data-label': c.label }, c.cell(row))))))));
}

/** Previous / next buttons and "1–20 of 397"; `go(offset)` loads another page. */
export function pager(page, go) {
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
export function showError(region, e) {
  region.textContent = e instanceof ApiFailure ? e.message : String(e && e.message ? e.message : e);
  region.hidden = false;
}

/**
 * A modal dialog with a form: Escape or Cancel closes it, Enter submits. `fields`: inputs
 * (with their labels) to show; `submit()` resolves when done, throws to show the error.
 */
export function dialog(title, fields, submitLabel, submit) {
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

export function field(id, label, input) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}
