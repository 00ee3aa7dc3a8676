// #/admin/plugins: the plugins the host loaded, and those it refused with the reason.

import { h } from '../../shell/dom.js';
import { t, tx } from '../../shell/i18n.js';
import { table } from './widgets.js';

export async function renderPlugins(el, ctx) {
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
