// The shell's own pages: the social worker's (progress, sessions, credentials) and the admin's.
import workerRoutes from './worker.js';
import adminRoutes from './admin.js';

export default [...workerRoutes, ...adminRoutes];
