import { child, str } from './content-access.js';
import { type InventoryReport, type ItemType, inventoryActions, itemTypes } from './inventory-report.js';
import { normalizeContent } from './normalize-content.js';
import type { GlpiInventory } from './validate-glpi-json.js';

/**
 * A GLPI Agent JSON inventory, already checked against the schema (validateGlpiInventory) →
 * InventoryReport. The format uses the same section and field names as the XML one, in
 * lower case, with numbers and booleans typed, and `partial: true` when the agent sends only the
 * sections that changed since its last run.
 */
export function normalizeGlpiJson(inventory: GlpiInventory): InventoryReport {
  const content = inventory.content;
  const action = inventoryActions.find((a) => a === inventory.action?.toLowerCase()) ?? 'inventory';
  const itemType = declaredItemType(inventory.itemtype) ?? (child(content, 'network_device') ? 'NetworkEquipment' : 'Computer');
  const partial = inventory.partial === true || action === 'netdiscovery';
  const facts = normalizeContent(content, { itemType, partial });
  return {
    // The JSON protocol is GLPI Agent's; FusionInventory 2.5+ could also write this format.
    source: /fusioninventory/i.test(str(content, 'versionclient') ?? '') ? 'fusioninventory' : 'glpi-agent',
    format: 'json',
    action,
    itemType,
    deviceId: str(inventory, 'deviceid') ?? inventory.deviceid,
    tag: str(inventory, 'tag'),
    partial,
    ...facts,
  };
}

function declaredItemType(declared: string | undefined): ItemType | undefined {
  return itemTypes.find((type) => type.toLowerCase() === declared?.toLowerCase());
}
