import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, parseSearchWith, redirect, stringifySearchWith } from '@tanstack/react-router';
import { isApiError } from './api/client';
import { schoolDossiersQuery } from './modules/campagnes/queries';
import { renewalArbitrationQuery, validateArbitrationSearch } from './modules/campagnes/renewal/arbitration-search';
import { validateListSearch } from './modules/establishments/list-search';
import { establishmentListQuery } from './modules/establishments/queries';
import type { ContractsSearch } from './modules/marches/queries';
import { validateOrdersSearch } from './modules/marches/orders/search';
import { deskDashboardQuery } from './modules/guichet/dashboard/queries';
import { ticketListQuery } from './modules/guichet/tickets/queries';
import { ordersQuery } from './modules/marches/orders/queries';
import { assetListQuery, fleetStatsQuery, renewalQuery } from './modules/parc/queries';
import { dashboardQuery, outlinesQuery } from './modules/pilotage/steering/queries';
import { validateAssetSearch, validateDashboardSearch, validateDeploymentsSearch } from './modules/parc/list-search';
import { validateDeskDashboardSearch } from './modules/guichet/dashboard/types';
import { validateTicketSearch } from './modules/guichet/tickets/list-search';
import { HomePage, startHomeQueries } from './pages/HomePage';
import { LoginPage, validateLoginSearch } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { queryClient } from './query-client';
import { meQuery } from './session/session';
import { AppLayout } from './ui/AppLayout';
import { RouteError } from './ui/RouteError';

/**
 * Each page's code loads with its route: the first page downloads the shell and the home page
 * only, not every module's screens.
 */
const page = lazyRouteComponent;

/*
 * A page's first queries are started by its route's loader, beside the download of its code and
 * the drawing of the layout, so the page finds them in flight instead of asking once drawn. Their
 * definitions are in the first bundle: waiting for a page chunk would wait for the main thread,
 * busy evaluating that chunk. Not awaited: the page shows its own loading state and refusal.
 */

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Outlet,
  notFoundComponent: () => (
    <main id="contenu">
      <NotFoundPage />
    </main>
  ),
  errorComponent: RouteError,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/connexion',
  validateSearch: validateLoginSearch,
  component: LoginPage,
});

/** Every page below needs a session: without one, go to the login page and come back after. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(meQuery);
    } catch (error) {
      if (isApiError(error, 401)) throw redirect({ to: '/connexion', search: { retour: location.href } });
      throw error;
    }
  },
  component: AppLayout,
  notFoundComponent: () => <NotFoundPage />,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  loader: ({ context }) => {
    const me = context.queryClient.getQueryData(meQuery.queryKey);
    if (me) startHomeQueries(context.queryClient, me);
  },
  component: HomePage,
});
const establishmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/etablissements',
  validateSearch: validateListSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ deps }) => void queryClient.prefetchQuery(establishmentListQuery(deps)),
  component: page(() => import('./modules/establishments/EstablishmentsPage'), 'EstablishmentsPage'),
});
const establishmentRoute = createRoute({ getParentRoute: () => appRoute, path: '/etablissements/$uai', component: page(() => import('./modules/establishments/EstablishmentPage'), 'EstablishmentPage') });
const importsRoute = createRoute({ getParentRoute: () => appRoute, path: '/imports', component: page(() => import('./modules/imports/ImportPage'), 'ImportPage') });
const unitsRoute = createRoute({ getParentRoute: () => appRoute, path: '/unites', component: page(() => import('./modules/units/UnitsPage'), 'UnitsPage') });
const organizationsRoute = createRoute({ getParentRoute: () => appRoute, path: '/organisations', component: page(() => import('./modules/organizations/OrganizationsPage'), 'OrganizationsPage') });
const usersRoute = createRoute({ getParentRoute: () => appRoute, path: '/utilisateurs', component: page(() => import('./modules/users/UsersPage'), 'UsersPage') });
const tokensRoute = createRoute({ getParentRoute: () => appRoute, path: '/jetons', component: page(() => import('./modules/tokens/TokensPage'), 'TokensPage') });
const accountRoute = createRoute({ getParentRoute: () => appRoute, path: '/compte', component: page(() => import('./pages/AccountPage'), 'AccountPage') });
const auditRoute = createRoute({ getParentRoute: () => appRoute, path: '/journal', component: page(() => import('./modules/audit/AuditPage'), 'AuditPage') });
const assetsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/parc',
  validateSearch: validateAssetSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ deps }) => void queryClient.prefetchQuery(assetListQuery(deps)),
  component: page(() => import('./modules/parc/AssetsPage'), 'AssetsPage'),
});
const contractsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/marches',
  validateSearch: (raw: Record<string, unknown>): ContractsSearch => ({
    search: typeof raw.search === 'string' ? raw.search : undefined,
    theme: typeof raw.theme === 'string' ? raw.theme : undefined,
    kind: typeof raw.kind === 'string' ? (raw.kind as ContractsSearch['kind']) : undefined,
    area: typeof raw.area === 'string' ? raw.area : undefined,
    page: typeof raw.page === 'number' && raw.page >= 1 ? raw.page : undefined,
  }),
  component: page(() => import('./modules/marches/ContractsPage'), 'ContractsPage'),
});
const contractRoute = createRoute({ getParentRoute: () => appRoute, path: '/marches/$id', component: page(() => import('./modules/marches/ContractPage'), 'ContractPage') });
const resourcesRoute = createRoute({ getParentRoute: () => appRoute, path: '/marches/ressources', component: page(() => import('./modules/marches/resources/ResourcesPage'), 'ResourcesPage') });
const linksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/marches/liens',
  validateSearch: (raw: Record<string, unknown>): { uai?: string } => ({ uai: typeof raw.uai === 'string' ? raw.uai : undefined }),
  component: page(() => import('./modules/marches/links/LinksPage'), 'LinksPage'),
});
const groupRoute = createRoute({ getParentRoute: () => appRoute, path: '/marches/groupements/$id', component: page(() => import('./modules/marches/GroupPage'), 'GroupPage') });
const ordersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/marches/commandes',
  validateSearch: validateOrdersSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ deps }) => void queryClient.prefetchQuery(ordersQuery(deps)),
  component: page(() => import('./modules/marches/orders/OrdersPage'), 'OrdersPage'),
});
const newOrderRoute = createRoute({ getParentRoute: () => appRoute, path: '/marches/commandes/nouvelle', component: page(() => import('./modules/marches/orders/NewOrderPage'), 'NewOrderPage') });
const orderRoute = createRoute({ getParentRoute: () => appRoute, path: '/marches/commandes/$id', component: page(() => import('./modules/marches/orders/OrderPage'), 'OrderPage') });
// the charts (recharts) load with this page only
const consumptionRoute = createRoute({ getParentRoute: () => appRoute, path: '/marches/consommation', component: lazyRouteComponent(() => import('./modules/marches/orders/ConsumptionPage'), 'ConsumptionPage') });
const fleetDashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/parc/tableau-de-bord',
  validateSearch: validateDashboardSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ deps }) => void Promise.all([queryClient.prefetchQuery(fleetStatsQuery(deps.uai)), queryClient.prefetchQuery(renewalQuery(deps.uai))]),
  // the charts (recharts) load with this page only
  component: lazyRouteComponent(() => import('./modules/parc/FleetDashboardPage'), 'FleetDashboardPage'),
});
const deploymentsRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/deploiements', validateSearch: validateDeploymentsSearch, component: page(() => import('./modules/parc/DeploymentsPage'), 'DeploymentsPage') });
const agentsRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/agents', component: page(() => import('./modules/parc/AgentsPage'), 'AgentsPage') });
// static paths (/parc/import, /parc/deploiements/…) win over /parc/$id
const deploymentRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/deploiements/$id', component: page(() => import('./modules/parc/DeploymentPage'), 'DeploymentPage') });
const assetImportRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/import', component: page(() => import('./modules/parc/import/AssetImportPage'), 'AssetImportPage') });
const assetRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/$id', component: page(() => import('./modules/parc/AssetPage'), 'AssetPage') });
const softwareRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/logiciels', component: page(() => import('./modules/parc/SoftwarePage'), 'SoftwarePage') });
const softwareInstallationsRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/logiciels/$softwareId', component: page(() => import('./modules/parc/SoftwareInstallationsPage'), 'SoftwareInstallationsPage') });
// the service desk's tickets; /guichet/configuration and /guichet/tableau-de-bord are siblings (static paths win over $ticketId)
const ticketsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/guichet',
  validateSearch: validateTicketSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ deps }) => void queryClient.prefetchQuery(ticketListQuery(deps)),
  component: page(() => import('./modules/guichet/tickets/TicketsPage'), 'TicketsPage'),
});
const newTicketRoute = createRoute({ getParentRoute: () => appRoute, path: '/guichet/nouveau', component: page(() => import('./modules/guichet/tickets/NewTicketPage'), 'NewTicketPage') });
const hotlineRoute = createRoute({ getParentRoute: () => appRoute, path: '/guichet/appel', component: page(() => import('./modules/guichet/tickets/HotlinePage'), 'HotlinePage') });
const ticketRoute = createRoute({ getParentRoute: () => appRoute, path: '/guichet/$ticketId', component: page(() => import('./modules/guichet/tickets/TicketPage'), 'TicketPage') });
const deskConfigurationRoute = createRoute({ getParentRoute: () => appRoute, path: '/guichet/configuration', component: page(() => import('./modules/guichet/config/DeskConfigurationPage'), 'DeskConfigurationPage') });
const deskDashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/guichet/tableau-de-bord',
  validateSearch: validateDeskDashboardSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ deps }) => void queryClient.prefetchQuery(deskDashboardQuery(deps)),
  // the charts (recharts) load with this page only
  component: lazyRouteComponent(() => import('./modules/guichet/dashboard/DeskDashboardPage'), 'DeskDashboardPage'),
});
const steeringRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pilotage',
  loader: () => void Promise.all([queryClient.prefetchQuery(dashboardQuery()), queryClient.prefetchQuery(outlinesQuery())]),
  component: page(() => import('./modules/pilotage/steering/SteeringDashboardPage'), 'SteeringDashboardPage'),
});
const steeringAssessmentRoute = createRoute({ getParentRoute: () => appRoute, path: '/pilotage/etablissements/$uai', component: page(() => import('./modules/pilotage/steering/AssessmentPage'), 'AssessmentPage') });
const ppiRoute = createRoute({ getParentRoute: () => appRoute, path: '/pilotage/ppi', component: page(() => import('./modules/pilotage/steering/PpiPage'), 'PpiPage') });
const governanceRoute = createRoute({ getParentRoute: () => appRoute, path: '/pilotage/gouvernance', component: page(() => import('./modules/pilotage/governance/GovernancePage'), 'GovernancePage') });
const meetingRoute = createRoute({ getParentRoute: () => appRoute, path: '/pilotage/gouvernance/reunions/$meetingId', component: page(() => import('./modules/pilotage/governance/MeetingPage'), 'MeetingPage') });
const metropoleRoute = createRoute({ getParentRoute: () => appRoute, path: '/pilotage/metropole', component: page(() => import('./modules/pilotage/metropole/MetropolePage'), 'MetropolePage') });
const communeServiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pilotage/metropole/communes/$communeId',
  // the charts (recharts) load with this page only
  component: page(() => import('./modules/pilotage/metropole/CommuneServicePage'), 'CommuneServicePage'),
});

const campaignsRoute = createRoute({ getParentRoute: () => appRoute, path: '/campagnes', component: page(() => import('./modules/campagnes/CampaignsPage'), 'CampaignsPage') });
// /campagnes/dossiers/$id and the public /campagnes/simulateur are static prefixes: they win over /campagnes/$id
const campaignRoute = createRoute({ getParentRoute: () => appRoute, path: '/campagnes/$id', component: page(() => import('./modules/campagnes/CampaignPage'), 'CampaignPage') });
const campaignFormRoute = createRoute({ getParentRoute: () => appRoute, path: '/campagnes/$id/formulaire', component: page(() => import('./modules/campagnes/form-builder/FormBuilderPage'), 'FormBuilderPage') });
const rankingRoute = createRoute({ getParentRoute: () => appRoute, path: '/campagnes/$id/classement', component: page(() => import('./modules/campagnes/committee/RankingPage'), 'RankingPage') });
const committeeSessionRoute = createRoute({ getParentRoute: () => appRoute, path: '/campagnes/seances/$id', component: page(() => import('./modules/campagnes/committee/CommitteeSessionPage'), 'CommitteeSessionPage') });
const letterTemplatesRoute = createRoute({ getParentRoute: () => appRoute, path: '/campagnes/$id/lettres', component: page(() => import('./modules/campagnes/letters/LetterTemplatesPage'), 'LetterTemplatesPage') });
const dossierRoute = createRoute({ getParentRoute: () => appRoute, path: '/campagnes/dossiers/$id', component: page(() => import('./modules/campagnes/DossierPage'), 'DossierPage') });
const renewalFileRoute = createRoute({ getParentRoute: () => appRoute, path: '/campagnes/renouvellement/$id', component: page(() => import('./modules/campagnes/renewal/RenewalFilePage'), 'RenewalFilePage') });
const renewalArbitrationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campagnes/$id/arbitrage',
  validateSearch: validateArbitrationSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ params, deps }) => void queryClient.prefetchQuery(renewalArbitrationQuery(params.id, deps)),
  component: page(() => import('./modules/campagnes/renewal/RenewalArbitrationPage'), 'RenewalArbitrationPage'),
});
const schoolDossiersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campagnes/etablissement/$uai',
  loader: ({ params }) => void queryClient.prefetchQuery(schoolDossiersQuery(params.uai, 1, 25)),
  component: page(() => import('./modules/campagnes/SchoolDossiersPage'), 'SchoolDossiersPage'),
});
const aidDashboardRoute = createRoute({ getParentRoute: () => appRoute, path: '/campagnes/$id/aide', component: page(() => import('./modules/campagnes/family/AidDashboardPage'), 'AidDashboardPage') });
const projectFileRoute = createRoute({ getParentRoute: () => appRoute, path: '/campagnes/projets/$id', component: page(() => import('./modules/campagnes/renewal/ProjectFilePage'), 'ProjectFilePage') });
/** Families simulate their aid without an account: outside the session-guarded layout. */
const aidSimulatorRoute = createRoute({ getParentRoute: () => rootRoute, path: '/campagnes/simulateur', component: page(() => import('./modules/campagnes/SimulatorPage'), 'SimulatorPage') });
/** Families sign in by a link or an identity provider, then see their own files: their own pages, outside the staff's layout. */
const familySignInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/famille/$authority/connexion',
  validateSearch: (search: Record<string, unknown>): { erreur?: string } => (typeof search.erreur === 'string' ? { erreur: search.erreur } : {}),
  component: page(() => import('./modules/campagnes/family/FamilySignInPage'), 'FamilySignInPage'),
});
const familyHomeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/famille/$authority', component: page(() => import('./modules/campagnes/family/FamilyHomePage'), 'FamilyHomePage') });
const familyFileRoute = createRoute({ getParentRoute: () => rootRoute, path: '/famille/$authority/dossiers/$id', component: page(() => import('./modules/campagnes/family/FamilyFilePage'), 'FamilyFilePage') });

const routeTree = rootRoute.addChildren([
  loginRoute,
  aidSimulatorRoute,
  familySignInRoute,
  familyHomeRoute,
  familyFileRoute,
  appRoute.addChildren([
    homeRoute,
    establishmentsRoute,
    establishmentRoute,
    importsRoute,
    unitsRoute,
    organizationsRoute,
    usersRoute,
    tokensRoute,
    auditRoute,
    assetsRoute,
    fleetDashboardRoute,
    deploymentsRoute,
    contractsRoute,
    contractRoute,
    groupRoute,
    ordersRoute,
    newOrderRoute,
    orderRoute,
    consumptionRoute,
    resourcesRoute,
    linksRoute,
    deploymentRoute,
    assetImportRoute,
    agentsRoute,
    assetRoute,
    softwareRoute,
    softwareInstallationsRoute,
    ticketsRoute,
    newTicketRoute,
    hotlineRoute,
    ticketRoute,
    deskConfigurationRoute,
    deskDashboardRoute,
    steeringRoute,
    steeringAssessmentRoute,
    ppiRoute,
    governanceRoute,
    meetingRoute,
    metropoleRoute,
    communeServiceRoute,
    campaignsRoute,
    campaignRoute,
    campaignFormRoute,
    dossierRoute,
    renewalFileRoute,
    renewalArbitrationRoute,
    aidDashboardRoute,
    projectFileRoute,
    schoolDossiersRoute,
    rankingRoute,
    committeeSessionRoute,
    letterTemplatesRoute,
    accountRoute,
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: false,
  defaultErrorComponent: RouteError,
  scrollRestoration: true,
  // Plain query strings (?natureCode=320, not ?natureCode=%22320%22): every value stays a string, validateSearch types it.
  parseSearch: parseSearchWith((value) => value),
  stringifySearch: stringifySearchWith((value) => (typeof value === 'object' ? JSON.stringify(value) : String(value)), (value) => value),
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
