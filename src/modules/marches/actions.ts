import type { ModuleActions } from '../../server/platform/authz.js';
import { ordersActions } from './orders/actions.js';

/** Placeholder until the contracts' actions land (h-contracts): the orders' own. */
export const marchesActions: ModuleActions = ordersActions as ModuleActions;
