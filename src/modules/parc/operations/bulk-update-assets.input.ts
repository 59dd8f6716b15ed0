import { z } from 'zod';
import { assetStatuses } from '../asset-classes.js';
import { noteInput } from './update-asset.input.js';

/** POST /api/assets/bulk; schema-only: the selection's action forms validate with it. */
export const maxBulkAssets = 1000;

const ids = z
  .array(z.uuid())
  .min(1)
  .max(maxBulkAssets, `${maxBulkAssets} équipements au plus par opération groupée.`);

export const bulkAssetsInput = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('move'),
    ids,
    uai: z.string().trim().toUpperCase().regex(/^[0-9]{7}[A-Z]$/, 'UAI : 7 chiffres suivis d’une lettre.').nullable(),
    roomId: z.uuid().nullable().default(null),
    note: noteInput.optional(),
  }),
  z.object({ action: z.literal('set-status'), ids, status: z.enum(assetStatuses), note: noteInput.optional() }),
  /** A loan to a class project, a teacher: to whom and until when; a mobile cart is lent with what it holds. */
  z.object({
    action: z.literal('lend'),
    ids,
    borrower: z.string().trim().min(1, 'Indiquez à qui le matériel est prêté (classe, projet, enseignant).').max(200),
    until: z.iso.date({ error: (issue) => (issue.input === '' ? 'Indiquez la date de retour prévue.' : 'Date de retour attendue au format AAAA-MM-JJ.') }),
    note: noteInput.optional(),
  }),
  z.object({ action: z.literal('return'), ids, note: noteInput.optional() }),
  /** Devices put in a mobile cart go where the cart is (school and room). */
  z.object({ action: z.literal('put-in-cart'), ids, cartId: z.uuid('Choisissez la classe mobile.'), note: noteInput.optional() }),
  z.object({ action: z.literal('take-out-of-cart'), ids, note: noteInput.optional() }),
]);
export type BulkAssetsInput = z.infer<typeof bulkAssetsInput>;
