import { z } from 'zod';
import { assetClassLabels, type AssetClass } from '../asset-classes.js';
import type { findSoftware } from '../operations/find-software.js';
import type { findSoftwareInstallations } from '../operations/find-software-installations.js';
import { displayName } from '../../../shared/display-name.js';

export const softwareListSchema = z.object({
  items: z.array(z.object({ id: z.number(), name: z.string(), publisher: z.string().nullable(), devices: z.number(), versions: z.number() })),
  total: z.number(),
});

export function presentSoftwareList(result: Awaited<ReturnType<typeof findSoftware>>): z.infer<typeof softwareListSchema> {
  return { items: result.items.map((s) => ({ id: s.id, name: s.name, publisher: s.publisher, devices: s.devices, versions: s.versions })), total: result.total };
}

export const softwareInstallationsSchema = z.object({
  software: z.object({ id: z.number(), name: z.string(), publisher: z.string().nullable() }),
  /** Devices that have it (a device with two versions counts once). */
  devices: z.number(),
  /** Device × version lines: what the pages of `items` run through. */
  installations: z.number(),
  /** The schools with the most devices that have it (as many as asked, `schools`), most first. */
  establishments: z.array(z.object({ uai: z.string().nullable(), name: z.string().nullable(), devices: z.number() })),
  /** How many schools have it (among those the caller may see). */
  establishmentCount: z.number(),
  versions: z.array(z.object({ version: z.string(), devices: z.number() })),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      serial: z.string().nullable(),
      class: z.string(),
      classLabel: z.string(),
      status: z.string(),
      version: z.string(),
      uai: z.string().nullable(),
      establishmentName: z.string().nullable(),
      lastInventoryAt: z.string().nullable(),
    }),
  ),
});

export function presentSoftwareInstallations(result: Awaited<ReturnType<typeof findSoftwareInstallations>>): z.infer<typeof softwareInstallationsSchema> {
  return {
    software: result.software,
    devices: result.devices,
    installations: result.installations,
    establishments: result.establishments.map((e) => ({ uai: e.uai, name: e.establishmentName && displayName(e.establishmentName), devices: e.devices })),
    establishmentCount: result.establishmentCount,
    versions: result.versions,
    items: result.items.map((d) => ({
      id: d.id,
      name: d.name,
      serial: d.serial,
      class: d.assetClass,
      classLabel: assetClassLabels[d.assetClass as AssetClass] ?? d.assetClass,
      status: d.status,
      version: d.version,
      uai: d.uai,
      establishmentName: d.establishmentName && displayName(d.establishmentName),
      lastInventoryAt: d.lastInventoryAt?.toISOString() ?? null,
    })),
  };
}
