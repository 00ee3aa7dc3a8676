// #/trainer/schedule: a form to schedule a session. As fields change it asks the server
// (POST /api/v1/sessions/check, debounced) and shows the conflicts it names before the trainer
// submits; POST /api/v1/sessions schedules it; refusals are shown next to their fields.

import { h, clear, fill } from '../../shell/dom.js';
import { t, tx } from '../../shell/i18n.js';
import { addDays, beijingToday, dayOf, mondayOf, plusMinutes } from '../../shared/dates.js';
import { all, conflictsOf, courseOfCohort, fieldErrors, moduleOf } from './records.js';
import { debounce, loadInto, newId } from './widgets.js';

/** A labelled control with a place for its error; `control` gets id and aria-describedby. */
function row(label, control, hint) {
  const id = control.id || newId('tr-f');
  control.id = id;
  const error = h('p', { id: `${id}-err`, class: 'tr-field-error', role: 'alert' });
  const hintEl = hint ? h('p', { id: `${id}-hint`, class: 'tr-hint' }, hint) : null;
  control.setAttribute('aria-describedby', `${id}-err${hint ? ` ${id}-hint` : ''}`);
  const wrap = h('div', { class: 'tr-row' }, h('label', { for: id }, label), control, hintEl, error);
  return { wrap, control, error };
}

function setError(field, message) {
  field.error.textContent = message || '';
  if (message) field.control.setAttribute('aria-invalid', 'true');
  else field.control.removeAttribute('aria-invalid');
}

export async function renderSchedule(el, ctx) {
  const cohorts = await loadInto(el, () => all(ctx.api, '/api/v1/cohorts'));
  if (cohorts === undefined) return;
  if (!cohorts.length) {
    fill(el, h('h1', {}, t('trainer.schedule.title')),
      h('p', { role: 'status' }, t('trainer.schedule.noCohorts')));
    return;
  }
  // The running cohorts first: those a trainer schedules for.
  const today = beijingToday();
  cohorts.sort((a, b) => (b.ends_on >= today) - (a.ends_on >= today) || b.starts_on.localeCompare(a.starts_on));

  const f = {
    cohort: row(t('trainer.schedule.cohort'), h('select', { name: 'cohort' },
      cohorts.map((c) => h('option', { value: String(c.id) }, `${c.code} ${c.name}`)))),
    template: row(t('trainer.schedule.template'), h('select', { name: 'template' })),
    title: row(t('trainer.schedule.titleField'), h('output', { name: 'title', class: 'tr-output' }),
      t('trainer.schedule.titleHint')),
    starts_at: row(t('trainer.schedule.start'), h('input', { type: 'datetime-local', name: 'starts_at' })),
    ends_at: row(t('trainer.schedule.end'), h('input', { type: 'datetime-local', name: 'ends_at' })),
    place: row(t('trainer.schedule.place'), h('input', { type: 'text', name: 'place', maxlength: '200', autocomplete: 'off' })),
    trainer: row(t('trainer.schedule.trainer'), h('select', { name: 'trainer' })),
    capacity: row('', h('input', { type: 'number', name: 'capacity', min: '0', max: '100000', step: '1', inputmode: 'numeric' })),
  };
  const capacityLabel = f.capacity.wrap.querySelector('label');
  const note = h('p', { class: 'tr-hint' });
  const checkStatus = h('p', { id: 'tr-check-status', role: 'status', 'aria-live': 'polite', class: 'tr-status' });
  const conflictBox = h('div', { id: 'tr-conflicts', class: 'tr-conflicts', role: 'alert' });
  const result = h('div', { id: 'tr-result', role: 'status', 'aria-live': 'polite', class: 'tr-result' });
  const submit = h('button', { type: 'submit', class: 'tr-primary' }, t('trainer.schedule.submit'));
  const form = h('form', { class: 'tr-form', novalidate: true },
    Object.values(f).map((x) => x.wrap), note, checkStatus, conflictBox, submit, result);
  fill(el, h('h1', {}, t('trainer.schedule.title')), form);

  let templates = [];
  let endTouched = false;

  // Answers can come back out of order, and the person may have picked a template meanwhile:
  // only the newest cohort's answer fills the form, and it keeps the choices that still apply.
  let cohortRequest = 0;
  async function cohortChanged() {
    const request = ++cohortRequest;
    const id = f.cohort.control.value;
    let cohort;
    let course;
    try {
      cohort = await ctx.api.get(`/api/v1/cohorts/${id}`);
      course = await courseOfCohort(ctx.api, cohort);
    } catch (e) {
      if (request === cohortRequest) setError(f.cohort, e.message);
      return;
    }
    if (request !== cohortRequest) return;
    const chosenTemplate = f.template.control.value;
    const chosenTrainer = f.trainer.control.value;
    setError(f.cohort, '');
    templates = course.session_templates || [];
    const byModule = new Map();
    for (const tpl of templates) {
      if (!byModule.has(tpl.module)) byModule.set(tpl.module, []);
      byModule.get(tpl.module).push(tpl);
    }
    fill(f.template.control, ...[...byModule.entries()].map(([moduleId, list]) => {
      const module = moduleOf(course, moduleId);
      return h('optgroup', { label: module ? tx(module.title) : moduleId },
        list.map((tpl) => h('option', { value: tpl.id },
          `${tx(tpl.title)} (${t('trainer.schedule.minutes', { n: tpl.minutes })})`)));
    }));
    fill(f.trainer.control, 
      h('option', { value: '' }, t('trainer.schedule.trainerNone')),
      (cohort.trainers || []).map((p) => h('option', { value: String(p.id) }, `${p.name} (${p.code})`)));
    if (templates.some((x) => x.id === chosenTemplate)) f.template.control.value = chosenTemplate;
    if (chosenTrainer && (cohort.trainers || []).some((p) => String(p.id) === chosenTrainer))
      f.trainer.control.value = chosenTrainer;
    else if (ctx.me && ctx.me.worker && (cohort.trainers || []).some((p) => p.id === ctx.me.worker))
      f.trainer.control.value = String(ctx.me.worker);
    capacityLabel.textContent = t('trainer.schedule.capacity', { n: cohort.capacity });
    note.textContent = course.hash !== cohort.course.hash
      ? t('trainer.schedule.versionNote', { pinned: cohort.course.version, current: course.version })
      : '';
    templateChanged();
  }

  function templateChanged() {
    const tpl = templates.find((x) => x.id === f.template.control.value);
    f.title.control.value = tpl ? tx(tpl.title) : '';
    f.title.control.textContent = tpl ? tx(tpl.title) : '';
    if (tpl && f.starts_at.control.value && !endTouched)
      f.ends_at.control.value = plusMinutes(f.starts_at.control.value, tpl.minutes);
    changed();
  }

  function body() {
    const b = {
      cohort: Number(f.cohort.control.value),
      template: f.template.control.value,
      starts_at: f.starts_at.control.value,
      ends_at: f.ends_at.control.value,
      place: f.place.control.value.trim(),
    };
    if (f.trainer.control.value) b.trainer = Number(f.trainer.control.value);
    if (f.capacity.control.value !== '') b.capacity = Number(f.capacity.control.value);
    return b;
  }

  function showFieldErrors(list) {
    for (const field of Object.values(f)) setError(field, '');
    for (const e of list) {
      const field = f[e.path];
      if (field) setError(field, field.error.textContent ? `${field.error.textContent}; ${e.message}` : e.message);
    }
  }

  function showConflicts(conflicts) {
    clear(conflictBox);
    if (!conflicts.length) return;
    conflictBox.append(h('p', {}, t('trainer.schedule.conflicts')),
      h('ul', {}, conflicts.map((c) => h('li', { 'data-code': c.code }, c.message,
        c.session ? [' ', h('a', { href: `#/trainer/session/${c.session}/roll` },
          t('trainer.schedule.conflictLink', { id: c.session }))] : null))));
  }

  let asked = 0;
  const check = debounce(async () => {
    const b = body();
    if (!b.template || !b.starts_at || !b.ends_at || !b.place) return;
    const mine = ++asked;
    checkStatus.textContent = t('trainer.schedule.checking');
    try {
      const answer = await ctx.api.post('/api/v1/sessions/check', b);
      if (mine !== asked) return;
      showFieldErrors([]);
      showConflicts(answer.conflicts || []);
      checkStatus.textContent = (answer.conflicts || []).length ? '' : t('trainer.schedule.noConflict');
    } catch (e) {
      if (mine !== asked) return;
      checkStatus.textContent = '';
      showFieldErrors(fieldErrors(e));
      showConflicts(conflictsOf(e).filter((c) => !['bad_time', 'bad_capacity'].includes(c.code)));
      if (!fieldErrors(e).length) checkStatus.textContent = e.message;
    }
  }, 400);

  function changed() {
    clear(result);
    check();
  }

  f.cohort.control.addEventListener('change', cohortChanged);
  f.template.control.addEventListener('change', templateChanged);
  f.starts_at.control.addEventListener('change', templateChanged);
  f.ends_at.control.addEventListener('input', () => { endTouched = true; changed(); });
  for (const name of ['place', 'capacity']) f[name].control.addEventListener('input', changed);
  f.trainer.control.addEventListener('change', changed);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    asked += 1; // an answer to an older check must not overwrite this one
    const b = body();
    submit.disabled = true;
    clear(result);
    try {
      const answer = await ctx.api.post('/api/v1/sessions', b);
      showFieldErrors([]);
      showConflicts([]);
      checkStatus.textContent = '';
      const day = dayOf(b.starts_at);
      result.append(h('p', { class: 'tr-ok', 'data-session-id': String(answer.id) }, t('trainer.schedule.done', { id: answer.id }), ' ',
        h('a', { href: `#/trainer/week/${mondayOf(day)}` }, t('trainer.schedule.openWeek'))));
    } catch (e) {
      const fields = fieldErrors(e);
      showFieldErrors(fields);
      showConflicts(conflictsOf(e).filter((c) => !fields.length || !['bad_time', 'bad_capacity'].includes(c.code)));
      result.append(h('p', { role: 'alert', class: 'tr-error' },
        fields.length ? t('trainer.schedule.fix') : e.message));
    } finally {
      submit.disabled = false;
    }
  });

  // A sensible start: tomorrow at nine.
  f.starts_at.control.value = `${addDays(today, 1)}T09:00`;
  await cohortChanged();
}
