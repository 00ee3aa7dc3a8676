// #/admin/audit: the audit log, a page at a time, and the check of its hash chain.

import { h, clear } from '../../shell/dom.js';
import { t } from '../../shell/i18n.js';
import { PAGE_SIZE, pager, table } from './widgets.js';

export async function renderAudit(el, ctx) {
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
