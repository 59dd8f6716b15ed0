import { contractTypeLabels, labelOf, sectorLabels, trackLabels } from '../../shared/establishments.js';
import type { ExportColumn } from '../../server/platform/export.js';
import type { EstablishmentRow } from './db/queries.js';
import { displayName } from '../../shared/display-name.js';

export const establishmentColumns: ExportColumn<EstablishmentRow>[] = [
  { header: 'UAI', value: (e) => e.uai },
  { header: 'Nom', value: (e) => displayName(e.name) },
  { header: 'Nom dans l’annuaire', value: (e) => e.name },
  { header: 'Code nature', value: (e) => e.natureCode },
  { header: 'Nature', value: (e) => e.natureLabel },
  { header: 'Secteur', value: (e) => labelOf(sectorLabels, e.sector) },
  { header: 'Contrat', value: (e) => labelOf(contractTypeLabels, e.contractType) },
  { header: 'Académie', value: (e) => e.academyName },
  { header: 'Département', value: (e) => e.departmentCode },
  { header: 'Code commune (INSEE)', value: (e) => e.communeCode },
  { header: 'Commune', value: (e) => e.communeName },
  { header: 'Code postal', value: (e) => e.postalCode },
  { header: 'Adresse', value: (e) => e.address },
  { header: 'Latitude', value: (e) => e.latitude },
  { header: 'Longitude', value: (e) => e.longitude },
  { header: 'Élèves', value: (e) => e.pupils },
  { header: 'Éducation prioritaire', value: (e) => e.priorityEducation },
  { header: 'Voies', value: (e) => e.tracks.map((t) => labelOf(trackLabels, t)).join(', ') },
  { header: 'Ouvert', value: (e) => (e.isOpen ? 'Oui' : 'Non') },
  { header: 'Téléphone', value: (e) => e.phone },
  { header: 'Courriel', value: (e) => e.email },
];
