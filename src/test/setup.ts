import { modules } from '../modules/modules.js';
import { registerActions } from '../server/platform/authz.js';

// what buildApp, the server and the CLI do at startup: operation tests authorize without an app
registerActions(modules.map((m) => m.actions));
