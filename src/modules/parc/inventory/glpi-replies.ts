/**
 * Answers to GLPI Agent's JSON protocol, as GLPI itself sends them (glpi-project/glpi,
 * src/Inventory/Request.php) and as GLPI Agent reads them (lib/GLPI/Agent.pm,
 * HTTP/Client/GLPI.pm, Protocol/Contact.pm):
 * - every answer needs a non-empty `status`: "ok", "pending" (retry after `expiration`) or
 *   "error" (the agent logs `message`, even with a 4xx status);
 * - a CONTACT answer is only valid with `expiration` > 0: hours, or a number suffixed s/m/h/d;
 *   the agent comes back after that delay;
 * - `tasks.inventory` tells the agent that this server takes inventories; `server: "glpi"` keeps the
 *   agent on the JSON protocol for that task, and `version` is the GLPI version whose inventory
 *   format the server expects (GLPI Agent adapts some fields to it; none given means the newest);
 * - tasks the agent enabled but the server does not run are listed in `disabled`, so the agent
 *   skips them (GLPI adds "<task> task not supported" to `message`).
 * The answer is compressed like the request, and its Content-Type must say how
 * (application/x-compress-zlib, application/x-compress-gzip or application/json): GLPI Agent
 * decompresses according to that header (see encodeReply).
 */
export const DEFAULT_EXPIRATION_HOURS = 24;

/**
 * The GLPI release whose inventory format the schema copy in ./schema describes (it knows
 * network components' stack_number, added in GLPI 10.0.19). Update both together.
 */
export const GLPI_FORMAT_VERSION = '10.0.19';

export interface ContactReplyOptions {
  enabledTasks: string[];
  expirationHours?: number;
  /** Tasks this server runs; only inventory for now. */
  supportedTasks?: string[];
  formatVersion?: string;
}

export function contactReply(options: ContactReplyOptions): string {
  const supported = new Set(options.supportedTasks ?? ['inventory']);
  const tasks: Record<string, { server: string; version: string }> = {};
  const disabled: string[] = [];
  for (const task of new Set(options.enabledTasks.map((t) => t.toLowerCase()))) {
    if (supported.has(task)) tasks[task] = { server: 'glpi', version: options.formatVersion ?? GLPI_FORMAT_VERSION };
    else disabled.push(task);
  }
  return JSON.stringify({
    status: 'ok',
    expiration: expiration(options.expirationHours),
    tasks,
    ...(disabled.length > 0 ? { disabled, message: disabled.map((task) => `${task} task not supported`).join(';') } : {}),
  });
}

/**
 * The answer to an XML PROLOG that carries a `GLPI-Agent-ID` header: GLPI Agent starts with the
 * legacy PROLOG until it knows the server, and a JSON answer (instead of the XML REPLY that
 * FusionInventory and OCS get) tells it to speak its own protocol from then on.
 */
export function glpiPrologReply(expirationHours?: number): string {
  return JSON.stringify({ status: 'ok', expiration: expiration(expirationHours) });
}

/** Inventory stored (GLPI also repeats the expiration here). */
export function inventoryOkReply(expirationHours?: number): string {
  return JSON.stringify({ status: 'ok', expiration: expiration(expirationHours) });
}

/** Not now: the agent sleeps `expiration` (here in seconds) and retries with a GET. */
export function pendingReply(retryAfterSeconds = 60): string {
  return JSON.stringify({ status: 'pending', expiration: `${Math.max(1, Math.round(retryAfterSeconds))}s` });
}

export function glpiErrorReply(message: string, expirationHours?: number): string {
  return JSON.stringify({ status: 'error', message, expiration: expiration(expirationHours) });
}

function expiration(hours: number | undefined): number {
  return Math.max(1, Math.round(hours ?? DEFAULT_EXPIRATION_HOURS));
}
