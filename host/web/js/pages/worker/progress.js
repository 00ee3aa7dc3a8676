// A worker's progress page: the worker's own (#/my/progress) or, for staff, anyone's
// (#/workers/:id/progress). The drawing is ../../shared/worker-progress.js's.

import { h } from '../../shell/dom.js';
import { t } from '../../shell/i18n.js';
import { renderProgress } from '../../shared/worker-progress.js';

/** The progress page of worker `id`; `own`: the logged-in worker's own ("My progress"). */
export async function renderProgressPage(el, ctx, id, own) {
  const data = await ctx.api.get(`/api/v1/workers/${encodeURIComponent(id)}/progress`);
  el.appendChild(h('h1', {}, own ? t('worker.progress.title')
    : t('worker.progress.of', { name: data.worker.name, code: data.worker.code })));
  renderProgress(el, data);
}
