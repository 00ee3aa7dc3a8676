// The admin's pages: people (search, paging), accounts (add, disable, new password), the
// plugins with their refusals, the courses, and the audit log with its chain check.
// Routes for the shell's router (shell/app.js, through pages/index.js).

import { addStrings } from '../../shell/i18n.js';
import strings from './strings.js';
import { renderPeople } from './people.js';
import { renderAccounts } from './accounts.js';
import { renderPlugins } from './plugins.js';
import { renderCourses } from './courses.js';
import { renderAudit } from './audit.js';

addStrings(strings);

const ADMIN = ['admin'];

export default [
  { path: '/admin/people', roles: ADMIN, nav: { zh: '人员', en: 'People' }, render: renderPeople },
  { path: '/admin/accounts', roles: ADMIN, nav: { zh: '账号', en: 'Accounts' }, render: renderAccounts },
  { path: '/admin/plugins', roles: ADMIN, nav: { zh: '插件', en: 'Plugins' }, render: renderPlugins },
  { path: '/admin/courses', roles: ADMIN, nav: { zh: '课程', en: 'Courses' }, render: renderCourses },
  { path: '/admin/audit', roles: ADMIN, nav: { zh: '审计日志', en: 'Audit log' }, render: renderAudit },
];
