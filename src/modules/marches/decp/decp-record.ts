import { ccagLabels, priceFormLabels, procedureLabels, type Ccag, type PriceForm, type Procedure } from '../../../shared/marches.js';
import { totalMonths } from '../ceilings.js';
import type { amendments, contracts, lots } from '../db/schema.js';

type Contract = typeof contracts.$inferSelect;
type Lot = typeof lots.$inferSelect;
type Amendment = typeof amendments.$inferSelect;

/** The DECP's 16-character id: the reference's letters and digits, cut to leave room for the lot number. */
export function decpId(reference: string, lotNumber: number | null): string {
  const compact = reference.replace(/[^A-Za-z0-9_-]/g, '');
  if (lotNumber === null) return compact.slice(0, 16);
  const suffix = `L${lotNumber}`;
  return `${compact.slice(0, 16 - suffix.length)}${suffix}`;
}

const euros = (cents: number) => Math.max(1, Math.round(cents) / 100);

/** The lot's maximum as first published: the `before` of the first amendment that changed it, else today's. */
function initialMax(lot: Lot, amendmentRows: Amendment[]): number | null {
  for (const a of amendmentRows) {
    const change = a.changes.find((c) => c.field === 'maxAmountCents' && c.lotId === lot.id);
    if (change) return (change.before as number | null) ?? null;
  }
  return lot.maxAmountCents;
}

function initialDuration(contract: Contract, amendmentRows: Amendment[]): number {
  for (const a of amendmentRows) {
    const change = a.changes.find((c) => c.field === 'durationMonths');
    if (change) return Number(change.before);
  }
  return contract.durationMonths;
}

/**
 * One DECP 2.0.3 `marche` per lot (per contract without lots): the data as first published, the
 * amendments as `modifications` (new duration, new amount of the lot when it changed).
 */
export function decpRecords(contract: Contract, lotRows: Lot[], amendmentRows: Amendment[], publishedOn: string): Record<string, unknown>[] {
  const framework = contract.kind === 'framework-orders' || contract.kind === 'framework-subsequent';
  const baseMonths = initialDuration(contract, amendmentRows);
  const units: (Lot | null)[] = lotRows.length ? lotRows : [null];
  return units.map((lot) => {
    const holders = lot?.holderSiret ? [{ siret: lot.holderSiret }] : contract.holders.map((h) => ({ siret: h.siret }));
    const months = totalMonths(lot?.durationMonths ?? baseMonths, contract.renewals);
    const amount = lot ? (initialMax(lot, amendmentRows) ?? lot.awardedCents ?? contract.estimateCents) : contract.estimateCents;
    const modifications = amendmentRows
      .map((a) => {
        const modification: Record<string, unknown> = {
          id: a.number,
          dateNotificationModification: a.signedOn,
          datePublicationDonneesModification: a.publishedAt.toISOString().slice(0, 10),
        };
        const duration = a.changes.find((c) => c.field === 'durationMonths');
        if (duration) modification.dureeMois = totalMonths(lot?.durationMonths ?? Number(duration.after), contract.renewals);
        const ceiling = lot && a.changes.find((c) => c.field === 'maxAmountCents' && c.lotId === lot.id);
        if (ceiling) modification.montant = euros(Number(ceiling.after));
        else if (!lot && a.amountDeltaCents) modification.montant = euros(contract.estimateCents + a.amountDeltaCents);
        return Object.keys(modification).length > 3 ? { modification } : null;
      })
      .filter((m) => m !== null);
    const dept = contract.area.departements[0];
    return {
      id: decpId(contract.reference, lot ? lot.number : null),
      acheteur: { id: contract.buyerSiret },
      nature: 'Marché',
      objet: (lot ? `${contract.object} - lot ${lot.number} : ${lot.title}` : contract.object).slice(0, 1000),
      codeCPV: contract.cpvCode,
      techniques: { technique: [framework || contract.kind === 'subsequent' ? 'Accord-cadre' : 'Sans objet'] },
      modalitesExecution: { modaliteExecution: [contract.kind === 'framework-orders' ? 'Bons de commande' : contract.kind === 'framework-subsequent' ? 'Marchés subséquents' : 'Sans objet'] },
      ...(contract.kind === 'subsequent' && contract.parentId ? {} : {}),
      marcheInnovant: false,
      ccag: ccagLabels[contract.ccag as Ccag],
      offresRecues: 1,
      attributionAvance: false,
      typeGroupementOperateurs: 'Pas de groupement',
      procedure: procedureLabels[contract.procedure as Procedure],
      lieuExecution: dept ? { code: dept, typeCode: 'Code département' } : { code: 'FR', typeCode: 'Code pays' },
      dureeMois: Math.max(1, months),
      dateNotification: contract.notifiedOn,
      datePublicationDonnees: publishedOn,
      montant: euros(amount),
      typesPrix: { typePrix: ['Définitif révisable'] },
      formePrix: priceFormLabels[contract.priceForm as PriceForm],
      sousTraitanceDeclaree: false,
      titulaires: holders.map((h) => ({ titulaire: { typeIdentifiant: 'SIRET', id: h.siret } })),
      considerationsSociales: { considerationSociale: ['Pas de considération sociale'] },
      considerationsEnvironnementales: { considerationEnvironnementale: ['Pas de considération environnementale'] },
      ...(modifications.length ? { modifications } : {}),
    };
  });
}
