// #/admin/courses: the courses in the catalog, with their versions and content fingerprints.

import { h } from '../../shell/dom.js';
import { t, tx } from '../../shell/i18n.js';
import { table } from './widgets.js';

export async function renderCourses(el, ctx) {
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
