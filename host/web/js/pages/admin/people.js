// #/admin/people: the district's people, searched by name, a page at a time, each linking to
// their progress.

import { h, clear } from '../../shell/dom.js';
import { t, tx } from '../../shell/i18n.js';
import { PAGE_SIZE, field, pager, table } from './widgets.js';

// The post kinds the district uses; an unknown one shows as it is stored.
const POSTS = {
  social_worker: { zh: '社区工作者', en: 'social worker' },
  committee_member: { zh: '社区两委委员', en: 'committee member' },
  party_affairs: { zh: '党务工作者', en: 'party affairs' },
  governance_officer: { zh: '网格治理员', en: 'governance officer' },
  trainer: { zh: '培训师', en: 'trainer' },
};

export async function renderPeople(el, ctx) {
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
