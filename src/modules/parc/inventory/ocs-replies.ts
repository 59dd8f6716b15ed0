/**
 * Answers to OCS Inventory and FusionInventory agents: an XML `<REPLY>`, sent compressed the way
 * the request was (see encodeReply). What the agents read in it (checked in their Perl sources,
 * Debian 12 packages ocsinventory-agent 2.10 and fusioninventory-agent 2.6):
 * - both need the root element REPLY, else they log "unexpected content" and stop;
 * - after PROLOG, they send an inventory only when RESPONSE is exactly "SEND"
 *   (Ocsinventory::Agent::XML::Response::Prolog::isInventoryAsked, FusionInventory's
 *   Task::Inventory::isEnabled); PROLOG_FREQ is the delay before the next contact, in hours;
 * - the OCS agent uncompresses the answer unconditionally with Compress::Zlib when it sent zlib:
 *   an uncompressed answer is a "Deflating problem" for it;
 * - after INVENTORY, the OCS agent only acts on RESPONSE "ACCOUNT_UPDATE" (it rewrites its local
 *   account info, e.g. the TAG); "NO_ACCOUNT_UPDATE" leaves it alone. FusionInventory only checks
 *   that the answer is a REPLY.
 */
const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';

export const DEFAULT_PROLOG_FREQ_HOURS = 24;

export interface PrologReplyOptions {
  /** Hours before the agent contacts the server again. */
  prologFreqHours?: number;
  /** False answers STOP: the agent sends no inventory this time. */
  inventoryRequested?: boolean;
}

export function prologReply(options: PrologReplyOptions = {}): string {
  const hours = Math.max(1, Math.round(options.prologFreqHours ?? DEFAULT_PROLOG_FREQ_HOURS));
  const response = options.inventoryRequested === false ? 'STOP' : 'SEND';
  return `${declaration}<REPLY><RESPONSE>${response}</RESPONSE><PROLOG_FREQ>${hours}</PROLOG_FREQ></REPLY>`;
}

export function inventoryReply(): string {
  return `${declaration}<REPLY><RESPONSE>NO_ACCOUNT_UPDATE</RESPONSE></REPLY>`;
}

/** An error the agent can log (GLPI answers `<REPLY><ERROR>…</ERROR></REPLY>` too). */
export function ocsErrorReply(message: string): string {
  return `${declaration}<REPLY><ERROR>${escapeXml(message)}</ERROR></REPLY>`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '') // not allowed in XML 1.0
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
