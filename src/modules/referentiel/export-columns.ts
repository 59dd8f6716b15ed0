import { contractTypeLabels, labelOf, sectorLabels, trackLabels } from '../../shared/establishments.js';
import type { ExportColumn } from '../../server/platform/export.js';
import type { EstablishmentRow } from './db/queries.js';
import { establishments } from './db/schema.js';
import { displayName } from '../../shared/display-name.js';

/**
 * The table's columns the file shows, and only those: ids, search text, hashes and dates would be
 * read and parsed for nothing (in a national export, as much garbage as the file's own text).
 */
export const exportedEstablishmentFields = {
  uai: establishments.uai,
  name: establishments.name,
  natureCode: establishments.natureCode,
  natureLabel: establishments.natureLabel,
  sector: establishments.sector,
  contractType: establishments.contractType,
  academyName: establishments.academyName,
  departmentCode: establishments.departmentCode,
  communeCode: establishments.communeCode,
  communeName: establishments.communeName,
  postalCode: establishments.postalCode,
  address: establishments.address,
  latitude: establishments.latitude,
  longitude: establishments.longitude,
  pupils: establishments.pupils,
  priorityEducation: establishments.priorityEducation,
  tracks: establishments.tracks,
  isOpen: establishments.isOpen,
  phone: establishments.phone,
  email: establishments.email,
};

export type ExportedEstablishment = Pick<EstablishmentRow, keyof typeof exportedEstablishmentFields>;

export const establishmentColumns: ExportColumn<ExportedEstablishment>[] = [
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
