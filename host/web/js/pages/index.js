// Every page, as the routes of each audience: the social worker's, the admin's, the trainers'.
// The order is the navigation's (a role starts at its first entry) and the router's (the first
// route whose path matches wins).
import workerRoutes from './worker/index.js';
import adminRoutes from './admin/index.js';
import trainerRoutes from './trainer/index.js';

export default [...workerRoutes, ...adminRoutes, ...trainerRoutes];
