import {
  IconAdjustments,
  IconApps,
  IconBook,
  IconNetwork,
  IconBuildingCommunity,
  IconChartBar,
  IconChartPie,
  IconClipboardList,
  IconCoin,
  IconTarget,
  IconDeviceDesktop,
  IconRouter,
  IconTruckDelivery,
  IconFileImport,
  IconHistory,
  IconHeadset,
  IconHome,
  IconLifebuoy,
  IconMessageReport,
  IconKey,
  IconMap2,
  IconSchool,
  IconUsers,
  IconUsersGroup,
  type Icon,
  IconReceipt,
  IconReportMoney,
} from '@tabler/icons-react';
import type { Permission } from '../session/types';

export interface NavItem {
  to:
    | '/'
    | '/etablissements'
    | '/imports'
    | '/unites'
    | '/organisations'
    | '/utilisateurs'
    | '/jetons'
    | '/journal'
    | '/parc'
    | '/parc/tableau-de-bord'
    | '/parc/deploiements'
    | '/parc/logiciels'
    | '/parc/agents'
    | '/parc/import'
    | '/guichet'
    | '/guichet/nouveau'
    | '/guichet/appel'
    | '/guichet/configuration'
    | '/guichet/tableau-de-bord'
    | '/marches'
    | '/marches/commandes'
    | '/marches/consommation'
    | '/marches/ressources'
    | '/marches/liens'
    | '/campagnes'
    | '/pilotage'
    | '/pilotage/cibles'
    | '/pilotage/ppi'
    | '/pilotage/gouvernance'
    | '/pilotage/metropole';
  label: string;
  icon: Icon;
  permission?: Permission;
}

export const navItems: NavItem[] = [
  { to: '/', label: 'Accueil', icon: IconHome },
  { to: '/etablissements', label: 'Établissements', icon: IconSchool, permission: 'establishment.read' },
  { to: '/parc', label: 'Parc informatique', icon: IconDeviceDesktop, permission: 'asset.read' },
  { to: '/parc/tableau-de-bord', label: 'Tableau de bord du parc', icon: IconChartBar, permission: 'asset.read' },
  { to: '/parc/deploiements', label: 'Déploiements', icon: IconTruckDelivery, permission: 'asset.read' },
  { to: '/parc/logiciels', label: 'Logiciels du parc', icon: IconApps, permission: 'asset.read' },
  { to: '/parc/import', label: 'Import d’équipements', icon: IconFileImport, permission: 'asset.update' },
  { to: '/parc/agents', label: 'Agents d’inventaire', icon: IconRouter, permission: 'inventory.manage' },
  { to: '/guichet', label: 'Guichet', icon: IconLifebuoy, permission: 'ticket.read' },
  { to: '/guichet/nouveau', label: 'Signaler un incident', icon: IconMessageReport, permission: 'ticket.create' },
  { to: '/guichet/appel', label: 'Appel hotline', icon: IconHeadset, permission: 'ticket.handle' },
  { to: '/guichet/tableau-de-bord', label: 'Tableau de bord du guichet', icon: IconChartPie, permission: 'ticket.read' },
  { to: '/guichet/configuration', label: 'Configuration du guichet', icon: IconAdjustments, permission: 'desk.configure' },
  { to: '/marches', label: 'Marchés', icon: IconBuildingCommunity, permission: 'contract.read' },
  { to: '/marches/commandes', label: 'Bons de commande', icon: IconReceipt, permission: 'order.read' },
  { to: '/marches/consommation', label: 'Consommation des marchés', icon: IconReportMoney, permission: 'budget.manage' },
  { to: '/marches/ressources', label: 'Ressources numériques', icon: IconBook, permission: 'resource.read' },
  { to: '/marches/liens', label: 'Liens réseau', icon: IconNetwork, permission: 'link.read' },
  { to: '/campagnes', label: 'Campagnes', icon: IconClipboardList, permission: 'campaign.read' },
  { to: '/pilotage', label: 'Pilotage des cibles', icon: IconTarget, permission: 'steering.read' },
  { to: '/pilotage/cibles', label: 'Profils cibles', icon: IconTarget, permission: 'steering.read' },
  { to: '/pilotage/ppi', label: 'Plan pluriannuel (PPI)', icon: IconCoin, permission: 'ppi.read' },
  { to: '/pilotage/gouvernance', label: 'Gouvernance', icon: IconUsersGroup, permission: 'governance.read' },
  { to: '/pilotage/metropole', label: 'Services de la Métropole', icon: IconBuildingCommunity, permission: 'metropole.read' },
  { to: '/imports', label: "Import de l'annuaire", icon: IconFileImport, permission: 'establishment.import' },
  { to: '/unites', label: 'Unités territoriales', icon: IconMap2, permission: 'unit.read' },
  { to: '/organisations', label: 'Organisations partenaires', icon: IconBuildingCommunity, permission: 'organization.read' },
  { to: '/utilisateurs', label: 'Utilisateurs', icon: IconUsers, permission: 'user.read' },
  { to: '/jetons', label: "Jetons d'API", icon: IconKey, permission: 'token.manage' },
  { to: '/journal', label: 'Journal des modifications', icon: IconHistory, permission: 'audit.read' },
];
