import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, parseSearchWith, redirect, stringifySearchWith } from '@tanstack/react-router';
import { isApiError } from './api/client';
import { EstablishmentPage } from './modules/establishments/EstablishmentPage';
import { EstablishmentsPage } from './modules/establishments/EstablishmentsPage';
import { validateListSearch } from './modules/establishments/list-search';
import { ImportPage } from './modules/imports/ImportPage';
import { ContractPage } from './modules/marches/ContractPage';
import { ContractsPage } from './modules/marches/ContractsPage';
import { GroupPage } from './modules/marches/GroupPage';
import type { ContractsSearch } from './modules/marches/queries';
import { AgentsPage } from './modules/parc/AgentsPage';
import { AssetPage } from './modules/parc/AssetPage';
import { AssetsPage } from './modules/parc/AssetsPage';
import { DeploymentPage } from './modules/parc/DeploymentPage';
import { DeploymentsPage } from './modules/parc/DeploymentsPage';
import { AssetImportPage } from './modules/parc/import/AssetImportPage';
import { SoftwareInstallationsPage } from './modules/parc/SoftwareInstallationsPage';
import { SoftwarePage } from './modules/parc/SoftwarePage';
import { validateAssetSearch, validateDashboardSearch, validateDeploymentsSearch } from './modules/parc/list-search';
import { DeskConfigurationPage } from './modules/guichet/config/DeskConfigurationPage';
import { validateDeskDashboardSearch } from './modules/guichet/dashboard/types';
import { validateTicketSearch } from './modules/guichet/tickets/list-search';
import { HotlinePage } from './modules/guichet/tickets/HotlinePage';
import { NewTicketPage } from './modules/guichet/tickets/NewTicketPage';
import { TicketPage } from './modules/guichet/tickets/TicketPage';
import { TicketsPage } from './modules/guichet/tickets/TicketsPage';
import { OrganizationsPage } from './modules/organizations/OrganizationsPage';
import { TokensPage } from './modules/tokens/TokensPage';
import { UnitsPage } from './modules/units/UnitsPage';
import { UsersPage } from './modules/users/UsersPage';
import { AuditPage } from './modules/audit/AuditPage';
import { AccountPage } from './pages/AccountPage';
import { HomePage } from './pages/HomePage';
import { LoginPage, validateLoginSearch } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { queryClient } from './query-client';
import { meQuery } from './session/session';
import { AppLayout } from './ui/AppLayout';
import { RouteError } from './ui/RouteError';

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

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });
const establishmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/etablissements',
  validateSearch: validateListSearch,
  component: EstablishmentsPage,
});
const establishmentRoute = createRoute({ getParentRoute: () => appRoute, path: '/etablissements/$uai', component: EstablishmentPage });
const importsRoute = createRoute({ getParentRoute: () => appRoute, path: '/imports', component: ImportPage });
const unitsRoute = createRoute({ getParentRoute: () => appRoute, path: '/unites', component: UnitsPage });
const organizationsRoute = createRoute({ getParentRoute: () => appRoute, path: '/organisations', component: OrganizationsPage });
const usersRoute = createRoute({ getParentRoute: () => appRoute, path: '/utilisateurs', component: UsersPage });
const tokensRoute = createRoute({ getParentRoute: () => appRoute, path: '/jetons', component: TokensPage });
const accountRoute = createRoute({ getParentRoute: () => appRoute, path: '/compte', component: AccountPage });
const auditRoute = createRoute({ getParentRoute: () => appRoute, path: '/journal', component: AuditPage });
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
  component: ContractsPage,
});
const contractRoute = createRoute({ getParentRoute: () => appRoute, path: '/marches/$id', component: ContractPage });
const groupRoute = createRoute({ getParentRoute: () => appRoute, path: '/marches/groupements/$id', component: GroupPage });
const assetsRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc', validateSearch: validateAssetSearch, component: AssetsPage });
const fleetDashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/parc/tableau-de-bord',
  validateSearch: validateDashboardSearch,
  // the charts (recharts) load with this page only
  component: lazyRouteComponent(() => import('./modules/parc/FleetDashboardPage'), 'FleetDashboardPage'),
});
const deploymentsRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/deploiements', validateSearch: validateDeploymentsSearch, component: DeploymentsPage });
const agentsRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/agents', component: AgentsPage });
// static paths (/parc/import, /parc/deploiements/…) win over /parc/$id
const deploymentRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/deploiements/$id', component: DeploymentPage });
const assetImportRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/import', component: AssetImportPage });
const assetRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/$id', component: AssetPage });
const softwareRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/logiciels', component: SoftwarePage });
const softwareInstallationsRoute = createRoute({ getParentRoute: () => appRoute, path: '/parc/logiciels/$softwareId', component: SoftwareInstallationsPage });
// the service desk's tickets; /guichet/configuration and /guichet/tableau-de-bord are siblings (static paths win over $ticketId)
const ticketsRoute = createRoute({ getParentRoute: () => appRoute, path: '/guichet', validateSearch: validateTicketSearch, component: TicketsPage });
const newTicketRoute = createRoute({ getParentRoute: () => appRoute, path: '/guichet/nouveau', component: NewTicketPage });
const hotlineRoute = createRoute({ getParentRoute: () => appRoute, path: '/guichet/appel', component: HotlinePage });
const ticketRoute = createRoute({ getParentRoute: () => appRoute, path: '/guichet/$ticketId', component: TicketPage });
const deskConfigurationRoute = createRoute({ getParentRoute: () => appRoute, path: '/guichet/configuration', component: DeskConfigurationPage });
const deskDashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/guichet/tableau-de-bord',
  validateSearch: validateDeskDashboardSearch,
  // the charts (recharts) load with this page only
  component: lazyRouteComponent(() => import('./modules/guichet/dashboard/DeskDashboardPage'), 'DeskDashboardPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
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
