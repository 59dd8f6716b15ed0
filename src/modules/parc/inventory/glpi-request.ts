import { AppError } from '../../../server/platform/errors.js';
import { isNode, str } from './content-access.js';

/**
 * A GLPI Agent JSON message. The agent first sends CONTACT (`{"action":"contact","deviceid":…,
 * "enabled-tasks":["inventory",…]}`), then its inventory (`{"action":"inventory","deviceid":…,
 * "content":{…}}`; no action means inventory). Network tasks send netinventory / netdiscovery.
 */
export type GlpiMessage =
  | {
      action: 'contact';
      deviceId: string;
      tag: string | null;
      /** Tasks the agent would run (inventory, netdiscovery, deploy…): the answer says which the server handles. */
      enabledTasks: string[];
      agentName: string | null;
      agentVersion: string | null;
    }
  | { action: 'inventory' | 'netinventory' | 'netdiscovery'; deviceId: string; document: Record<string, unknown> };

const inventoryActions = new Set(['inventory', 'netinventory', 'netdiscovery']);
const MAX_DEVICE_ID = 255;

export function parseGlpiMessage(text: string): GlpiMessage {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AppError('BAD_REQUEST', `Le message JSON est mal formé : ${(error as Error).message}.`);
  }
  if (!isNode(document)) throw new AppError('BAD_REQUEST', "Le message JSON doit être un objet (action, deviceid, content…).");
  const action = (str(document, 'action') ?? 'inventory').toLowerCase();
  const deviceId = str(document, 'deviceid');
  if (deviceId === null) throw new AppError('BAD_REQUEST', "Le message n'a pas de « deviceid » : l'agent ne peut pas être identifié.");
  if (deviceId.length > MAX_DEVICE_ID) throw new AppError('BAD_REQUEST', `Le « deviceid » dépasse ${MAX_DEVICE_ID} caractères.`);
  if (action === 'contact') {
    const tasks = document['enabled-tasks'];
    return {
      action,
      deviceId,
      tag: str(document, 'tag'),
      enabledTasks: Array.isArray(tasks) ? tasks.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase()) : [],
      agentName: str(document, 'name'),
      agentVersion: str(document, 'version'),
    };
  }
  if (inventoryActions.has(action)) {
    return { action: action as 'inventory' | 'netinventory' | 'netdiscovery', deviceId, document };
  }
  throw new AppError('UNPROCESSABLE', `Action d'agent « ${action.slice(0, 40)} » non prise en charge (attendu : contact, inventory).`, {
    details: { action: action.slice(0, 40) },
  });
}
