// #/trainer/session/:id/scores: score entry for one session. The form is generated from the
// evidence schema the module's plugin declares (evidence-form.js); a save is one POST
// /api/v1/evidence.
// After a save the page shows where the member now stands in the module, in the server's own
// sentences (GET /api/v1/workers/{id}/progress as of the session's day): a rubric score under a
// floor reads e.g. "drills passed 0/3: Home visit scored 72 but Ethics and safety 8 < 9".

import { h, clear, fill } from '../../shell/dom.js';
import { t, tx } from '../../shell/i18n.js';
import { dayOf } from '../../shared/dates.js';
import { evidenceForm, withCriteria } from './evidence-form.js';
import {
  attendanceKind, currentEvidence, fieldErrors, loadSession, scoreKinds,
} from './records.js';
import { loadInto, newId, sessionLine } from './widgets.js';

/** Every leaf of a progress tree (children, waived_by) of module `moduleId`. */
function leavesOf(node, moduleId, out) {
  if (!node || typeof node !== 'object') return out;
  if (node.kind === 'leaf' && node.module === moduleId && !out.some((l) => l.id === node.id))
    out.push(node);
  for (const child of node.children || []) leavesOf(child, moduleId, out);
  if (node.waived_by) leavesOf(node.waived_by, moduleId, out);
  return out;
}

/** The module's leaves for one member of one cohort, as of `date`. */
async function outcome(api, worker, cohortId, moduleId, date) {
  const progress = await api.get(`/api/v1/workers/${worker}/progress?date=${date}`);
  const mine = (progress.cohorts || []).find((c) => c.cohort && c.cohort.id === cohortId);
  if (!mine) return [];
  const out = [];
  for (const set of Object.values(mine.sets || {})) leavesOf(set, moduleId, out);
  return out;
}

function summary(fields) {
  return Object.entries(fields || {}).map(([name, v]) => (v && typeof v === 'object'
    ? `${name}: ${Object.entries(v).map(([k, x]) => `${k}=${x}`).join(', ')}`
    : `${name}: ${v}`)).join('; ');
}

export async function renderScores(el, ctx, params) {
  const loaded = await loadInto(el, () => loadSession(ctx.api, params.id));
  if (loaded === undefined) return;
  const { session, cohort, course, module } = loaded;
  const kinds = scoreKinds(module);
  // What rows recorded at this session are about: its template's ref (default: the template).
  const template = (course.session_templates || []).find((x) => x.id === session.template);
  const ref = (template && template.ref) || session.template;
  const title = h('h1', {}, t('trainer.scores.title', { title: tx(session.title) }));
  if (!kinds.length) {
    fill(el, title, sessionLine(session), h('p', { role: 'status' }, t('trainer.scores.none')));
    return;
  }
  const members = cohort.members || [];
  const day = dayOf(session.starts_at);
  const workerId = newId('tr-worker');
  const kindId = newId('tr-kind');
  const workerSelect = h('select', { id: workerId, name: 'worker', 'aria-describedby': `${workerId}-err` },
    h('option', { value: '' }, t('trainer.form.choose')),
    members.map((p) => h('option', { value: String(p.id) }, `${p.name} (${p.code})`)));
  const workerError = h('p', { id: `${workerId}-err`, class: 'tr-field-error', role: 'alert' });
  const kindSelect = h('select', { id: kindId, name: 'kind' },
    kinds.map((k) => h('option', { value: k.id }, tx(k.label) || k.id)));
  const formHolder = h('div');
  const previous = h('div', { class: 'tr-previous' });
  const result = h('div', { id: 'tr-result', role: 'status', 'aria-live': 'polite', class: 'tr-result' });
  const save = h('button', { type: 'submit', class: 'tr-primary' }, t('trainer.scores.save'));
  const cancelled = session.status === 'cancelled';
  if (cancelled) save.disabled = true;
  let form = null;

  const kind = () => kinds.find((k) => k.id === kindSelect.value) || kinds[0];
  function buildForm() {
    form = evidenceForm(withCriteria(kind(), module.config, ref));
    fill(formHolder, form.el);
  }

  async function showPrevious() {
    clear(previous);
    if (!workerSelect.value) return;
    try {
      const rows = await currentEvidence(ctx.api, workerSelect.value, session.id, kind().id);
      if (rows.length)
        previous.append(h('h2', {}, t('trainer.scores.previous')),
          h('ul', {}, rows.map((r) => h('li', {}, `#${r.id} ${r.date} · ${summary(r.fields)}`))));
    } catch (e) { /* the list is a convenience; the form still works */ }
  }

  const formEl = h('form', { class: 'tr-form', novalidate: true },
    kinds.length > 1
      ? h('div', { class: 'tr-row' }, h('label', { for: kindId }, t('trainer.scores.kind')), kindSelect)
      : null,
    h('div', { class: 'tr-row' }, h('label', { for: workerId }, t('trainer.scores.worker')), workerSelect, workerError),
    formHolder, save, result, previous);
  kindSelect.addEventListener('change', () => { buildForm(); showPrevious(); });
  workerSelect.addEventListener('change', () => { clear(result); workerError.textContent = ''; showPrevious(); });

  formEl.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(result);
    const { fields, problems } = form.read();
    workerError.textContent = workerSelect.value ? '' : t('trainer.form.missing');
    form.showErrors(problems);
    if (problems.length || !workerSelect.value) {
      result.append(h('p', { role: 'alert', class: 'tr-error' }, t('trainer.scores.fix')));
      form.focusFirstError();
      return;
    }
    const worker = Number(workerSelect.value);
    const person = members.find((p) => p.id === worker);
    save.disabled = true;
    result.append(h('p', {}, t('trainer.scores.saving')));
    try {
      const answer = await ctx.api.post('/api/v1/evidence',
        { worker, session: session.id, kind: kind().id, fields });
      fill(result, h('p', { class: 'tr-ok' }, t('trainer.scores.saved', { name: person.name, id: answer.id })));
      showPrevious();
      try {
        const leaves = await outcome(ctx.api, worker, cohort.id, session.module, day);
        if (leaves.length)
          result.append(h('p', {}, t('trainer.scores.outcome', { name: person.name, date: day })),
            h('ul', { class: 'tr-outcome' }, leaves.map((l) => h('li', { class: l.status === 'met' ? 'tr-ok' : 'tr-warn' },
              h('strong', {}, tx(l.label)), ' — ',
              l.status === 'met' ? t('trainer.scores.met') : t('trainer.scores.unmet'), ': ',
              h('span', { class: 'tr-sentence' }, tx(l.sentence))))));
      } catch (e) { /* the score is saved; the outcome is extra */ }
    } catch (e) {
      const list = fieldErrors(e);
      form.showErrors(list);
      if (list.some((x) => x.path === 'worker')) workerError.textContent = list.find((x) => x.path === 'worker').message;
      fill(result, h('p', { role: 'alert', class: 'tr-error' }, list.length ? `${t('trainer.scores.fix')} ${e.message}` : e.message));
      form.focusFirstError();
    } finally {
      save.disabled = cancelled;
    }
  });

  buildForm();
  fill(el, title, sessionLine(session),
    cancelled ? h('p', { role: 'alert', class: 'tr-error' }, t('trainer.session.cancelled')) : null,
    formEl,
    attendanceKind(module)
      ? h('p', {}, h('a', { class: 'tr-button', href: `#/trainer/session/${session.id}/roll` }, t('trainer.scores.roll')))
      : null,
    h('p', {}, h('a', { href: `#/trainer/week/${day}` }, t('trainer.back.week'))));
}
