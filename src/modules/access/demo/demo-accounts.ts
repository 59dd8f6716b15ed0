import type { Role } from '../../../server/platform/authz.js';

export interface DemoAccount {
  email: string;
  displayName: string;
  description: string;
  role: Role;
  organization: string;
  /** Tenants the role is held in; by default the organization itself. */
  tenants?: string[];
  establishment?: 'first-lycee';
  units?: 'first-sector' | 'second-sector';
  level?: number;
}

const demo = (role: string, org: string) => `${role}.${org}@demo.coherence.fr`;

export const demoAccounts: DemoAccount[] = [
  ...['hauts-de-france', 'nord', 'pas-de-calais', 'grand-est'].map((org) => ({
    email: demo('authority-admin', org),
    displayName: `Admin ${org}`,
    description: `administrateur de ${org}`,
    role: 'authority-admin' as const,
    organization: org,
  })),
  { email: demo('steering', 'hauts-de-france'), displayName: 'Direction du numérique HdF', description: 'pilotage, lecture de toute la Région', role: 'steering', organization: 'hauts-de-france' },
  { email: demo('technician', 'hauts-de-france'), displayName: 'Technicien secteur 1', description: 'technicien niveau 1 du secteur 1', role: 'technician', organization: 'hauts-de-france', units: 'first-sector', level: 1 },
  { email: demo('establishment-staff', 'hauts-de-france'), displayName: 'Référent numérique', description: "référent numérique d'un lycée", role: 'establishment-staff', organization: 'hauts-de-france', establishment: 'first-lycee' },
  { email: demo('academy-staff', 'ac-lille'), displayName: 'DRANE Lille', description: 'académie de Lille, auprès de la Région et des deux Départements', role: 'academy-staff', organization: 'ac-lille', tenants: ['hauts-de-france', 'nord', 'pas-de-calais'] },
  { email: demo('academy-staff', 'ac-strasbourg'), displayName: 'DRANE Strasbourg', description: 'académie de Strasbourg, co-instruit les appels Lycée 4.0 de la Région Grand Est', role: 'academy-staff', organization: 'ac-strasbourg', tenants: ['grand-est'] },
  { email: demo('contractor', 'prestataire-demo'), displayName: 'Prestataire maintenance', description: 'prestataire de maintenance du secteur 2', role: 'contractor', organization: 'prestataire-demo', tenants: ['hauts-de-france'], units: 'second-sector' },
  { email: demo('auditor', 'hauts-de-france'), displayName: 'Auditeur HdF', description: 'auditeur, lecture seule', role: 'auditor', organization: 'hauts-de-france' },
  { email: demo('family', 'grand-est'), displayName: 'Famille Durand', description: 'famille demandant l’aide Lycée 4.0 (Grand Est)', role: 'family', organization: 'grand-est' },
];
