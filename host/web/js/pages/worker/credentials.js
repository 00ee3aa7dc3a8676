// #/my/credentials: the worker's credentials, each with its PDF and, when the issuer gives one,
// the address to verify it online.

import { h } from '../../shell/dom.js';
import { t, tx } from '../../shell/i18n.js';
import { ApiFailure } from '../../shell/api.js';

function field(label, value) {
  if (value === undefined || value === null || value === '') return null;
  return [h('dt', {}, label), h('dd', {}, value)];
}

/** The credentials page of worker `id` (the logged-in account's). */
export async function renderCredentials(el, ctx, id) {
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
