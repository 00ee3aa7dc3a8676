// The trainers' pages: their week, scheduling, roll call, score entry and a cohort's progress.
// Routes for the shell's router (shell/app.js, through pages/index.js); trainers and admins
// see them.

import { addStrings } from '../../shell/i18n.js';
import strings from './strings.js';
import { renderWeek } from './week.js';
import { renderSchedule } from './schedule.js';
import { renderRoll } from './roll.js';
import { renderScores } from './scores.js';
import { renderCohort, renderCohorts } from './cohort.js';

addStrings(strings);

const roles = ['trainer', 'admin'];

export default [
  { path: '/trainer/week', roles, nav: { zh: '本周课表', en: 'My week' }, render: renderWeek },
  { path: '/trainer/week/:day', roles, nav: null, render: renderWeek },
  { path: '/trainer/schedule', roles, nav: { zh: '排课', en: 'Schedule' }, render: renderSchedule },
  { path: '/trainer/cohorts', roles, nav: { zh: '我的期', en: 'My cohorts' }, render: renderCohorts },
  { path: '/trainer/cohort/:id', roles, nav: null, render: renderCohort },
  { path: '/trainer/session/:id/roll', roles, nav: null, render: renderRoll },
  { path: '/trainer/session/:id/scores', roles, nav: null, render: renderScores },
];
