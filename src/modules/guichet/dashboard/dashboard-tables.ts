import type { ExportColumn } from '../../../server/platform/export.js';
import type { DeskDashboard } from '../operations/get-desk-dashboard.js';

/** The dashboard's tables as they export: the same figures as the charts and their text tables. */

interface DashboardTable {
  sheetName: string;
  rows(dashboard: DeskDashboard): unknown[];
  columns: ExportColumn<unknown>[];
}

function table<T>(sheetName: string, rows: (d: DeskDashboard) => T[], columns: ExportColumn<T>[]): DashboardTable {
  return { sheetName, rows, columns: columns as ExportColumn<unknown>[] };
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export const dashboardTables = {
  'backlog-teams': table('Stock par équipe', (d) => d.backlog.byTeam, [
    { header: 'Équipe', value: (r) => r.name },
    { header: 'Niveau', value: (r) => r.level },
    { header: 'Tickets ouverts', value: (r) => r.count },
  ]),
  'backlog-levels': table('Stock par niveau', (d) => d.backlog.byLevel, [
    { header: 'Niveau', value: (r) => r.label },
    { header: 'Tickets ouverts', value: (r) => r.count },
  ]),
  'backlog-categories': table('Stock par catégorie', (d) => d.backlog.byCategory, [
    { header: 'Catégorie', value: (r) => r.label },
    { header: 'Tickets ouverts', value: (r) => r.count },
  ]),
  'backlog-schools': table('Stock par établissement', (d) => d.backlog.bySchool, [
    { header: 'UAI', value: (r) => r.uai },
    { header: 'Établissement', value: (r) => r.name },
    { header: 'Tickets ouverts', value: (r) => r.count },
  ]),
  agreement: table(
    'Respect des délais',
    (d) => [
      { clock: 'Prise en charge', share: d.agreement.own, time: d.times.own },
      { clock: 'Résolution', share: d.agreement.resolve, time: d.times.resolve },
    ],
    [
      { header: 'Délai', value: (r) => r.clock },
      { header: 'Tickets jugés', value: (r) => r.share.measured },
      { header: 'Dans les délais', value: (r) => r.share.within },
      { header: 'Hors délais', value: (r) => r.share.breached },
      { header: 'Dont ouverts en retard', value: (r) => r.share.openBreached },
      { header: 'Dans les délais (%)', value: (r) => percent(r.share.withinRate) },
      { header: 'Durées mesurées', value: (r) => r.time.count },
      { header: 'Médiane (heures ouvrées)', value: (r) => r.time.medianHours },
      { header: '90e centile (heures ouvrées)', value: (r) => r.time.p90Hours },
      { header: 'Moyenne (heures ouvrées)', value: (r) => r.time.meanHours },
    ],
  ),
  devices: table('Tickets pour 100 équipements', (d) => d.devices.bySchool, [
    { header: 'UAI', value: (r) => r.uai },
    { header: 'Établissement', value: (r) => r.name },
    { header: 'Tickets ouverts dans la période', value: (r) => r.tickets },
    { header: 'Équipements en service', value: (r) => r.devices },
    { header: 'Tickets pour 100 équipements', value: (r) => r.per100Devices },
  ]),
  satisfaction: table('Satisfaction', (d) => d.satisfaction.distribution, [
    { header: 'Note (1 à 5)', value: (r) => r.rating },
    { header: 'Réponses', value: (r) => r.count },
  ]),
  weekly: table('Tendance hebdomadaire', (d) => d.weekly, [
    { header: 'Semaine du', value: (r) => r.week },
    { header: 'Ouverts', value: (r) => r.opened },
    { header: 'Résolus', value: (r) => r.solved },
  ]),
};

export type DashboardTableName = keyof typeof dashboardTables;
export const dashboardTableNames = Object.keys(dashboardTables) as [DashboardTableName, ...DashboardTableName[]];
