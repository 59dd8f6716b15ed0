import { z } from 'zod';

/* What the order routes accept, in a file the web's forms import too (zod only). */
export const orderStatuses = ['draft', 'signed', 'sent', 'partly-delivered', 'delivered', 'invoiced', 'paid', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderStatusLabels: Record<OrderStatus, string> = {
  draft: 'Brouillon',
  signed: 'Signé',
  sent: 'Envoyé au titulaire',
  'partly-delivered': 'Livré en partie',
  delivered: 'Livré',
  invoiced: 'Facturé',
  paid: 'Payé',
  cancelled: 'Annulé',
};
export const budgetFundingSources = ['own-budget', 'feder', 'eib', 'state', 'other'] as const;
export const budgetFundingLabels: Record<(typeof budgetFundingSources)[number], string> = {
  'own-budget': 'Budget propre',
  feder: 'FEDER',
  eib: 'Prêt BEI',
  state: 'État',
  other: 'Autre',
};

export const maxOrderLines = 2000;
const day = z.iso.date({ message: 'Une date au format AAAA-MM-JJ.' });

export const orderLineInput = z.object({
  priceItemId: z.uuid('Article inconnu.'),
  quantity: z.number().int('Une quantité entière.').min(1, 'Au moins 1.').max(1_000_000, 'Au plus 1 000 000.'),
  uai: z.string().trim().min(1, 'Indiquez le site (UAI).').max(20),
  roomId: z.uuid().nullable().optional(),
});

export const createOrderInput = z.object({
  contractId: z.uuid('Marché inconnu.'),
  lotId: z.uuid('Lot inconnu.'),
  lines: z.array(orderLineInput).min(1, 'Au moins une ligne.').max(maxOrderLines, `Au plus ${maxOrderLines} lignes.`),
  /** The member the order is for; by default the actor's own organization. */
  memberOrganizationId: z.uuid().optional(),
  /** The budget line charged; by default the member's line of the order's year with the most left. */
  budgetLineId: z.uuid().optional(),
  orderDate: day.optional(),
});
export type CreateOrderInput = z.infer<typeof createOrderInput>;

export const changeStatusInput = z.object({
  status: z.enum(['signed', 'sent', 'cancelled', 'paid'], { message: 'État demandé inconnu (signed, sent, cancelled, paid).' }),
  version: z.number().int().min(1),
});

export const maxDeliverySerials = 20_000;
export const deliveryInput = z.object({
  lines: z
    .array(
      z.object({
        priceItemId: z.uuid('Article inconnu.'),
        serials: z.array(z.string().max(100)).max(maxDeliverySerials).default([]),
        /** Items without serials (a service, cabling): the quantity delivered. */
        quantity: z.number().int().min(1).optional(),
        /** What the Parc records the devices as; a desktop unless said. */
        assetClass: z.string().max(40).optional(),
      }),
    )
    .min(1, 'Au moins une ligne livrée.'),
  deliveredAt: z.iso.datetime({ offset: true }).optional(),
});
export type DeliveryInput = z.infer<typeof deliveryInput>;

export const invoiceInput = z.object({
  number: z.string().trim().min(1, 'Indiquez le numéro de facture.').max(60),
  invoiceDate: day,
  lines: z
    .array(z.object({ priceItemId: z.uuid(), quantity: z.number().int().min(0), unitPriceExclTaxCents: z.number().int().min(0) }))
    .min(1, 'Au moins une ligne facturée.'),
});
export type InvoiceInput = z.infer<typeof invoiceInput>;

export const budgetLineInput = z.object({
  memberOrganizationId: z.uuid('Organisation inconnue.'),
  year: z.number().int().min(2000).max(2100),
  fundingSource: z.enum(budgetFundingSources, { message: 'Source de financement inconnue (budget propre, FEDER, prêt BEI, État, autre).' }),
  label: z.string().trim().min(1, 'Donnez un libellé.').max(200),
  ceilingCents: z.number().int().min(0, 'Un plafond positif.').max(1e13),
});

export const delegationInput = z.object({ memberOrganizationId: z.uuid(), delegateOrganizationId: z.uuid() });

export const findOrdersInput = z.object({
  status: z.enum(orderStatuses).optional(),
  lotId: z.uuid().optional(),
  contractId: z.uuid().optional(),
  memberOrganizationId: z.uuid().optional(),
  budgetLineId: z.uuid().optional(),
  /** Orders with at least one line for this school (its page lists them). */
  uai: z.string().trim().toUpperCase().regex(/^\d{7}[A-Z]$/, 'UAI : 7 chiffres et une lettre.').optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type FindOrdersInput = z.infer<typeof findOrdersInput>;
