import { can } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, forbidden } from '../../../server/platform/errors.js';
import { loadCampaign } from '../campaign-access.js';

/**
 * Who takes part in a candidature call's ranking and committee: its instructors (the authority's
 * administrators, the members of its groups) and the co-reviewing partners' staff (académie,
 * DRAAF) sit and decide; the auditor and steering read; a school never sees the others' scores.
 */
export async function loadCandidature(ctx: Ctx, idOrCode: string, need: 'read' | 'sit') {
  const loaded = await loadCampaign(ctx, idOrCode, 'dossier.read');
  const { standing, campaign, ctx: a } = loaded;
  const sits = (standing.instructor || standing.partner) && can(a.actor, 'dossier.instruct');
  if (need === 'sit' && !sits) throw forbidden('Seuls les instructeurs de l’appel et les partenaires qui le co-instruisent siègent au comité.');
  if (need === 'read' && !sits && !standing.readsAll) throw forbidden('Le classement est réservé aux instructeurs, aux partenaires de l’appel et aux lecteurs de la collectivité.');
  if (campaign.kind !== 'candidature') throw new AppError('CONFLICT', `« ${campaign.title} » n’est pas un appel à candidatures : il n’a ni grille, ni classement, ni comité.`);
  return loaded;
}
