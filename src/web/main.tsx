import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import '../shared/zod-locale';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setActiveTenant } from './api/client';
import { queryClient, setSessionLostHandler } from './query-client';
import { router } from './router';
import { meQuery } from './session/session';
import { cssVariablesResolver, theme } from './theme';

// A session that ends (expiry, "log out everywhere" elsewhere) leads back to the login page, then here again.
setSessionLostHandler(() => {
  const { pathname, href } = router.state.location;
  // only for someone who was signed in: a first visit is redirected by the route guard
  if (pathname === '/connexion' || !queryClient.getQueryData(meQuery.queryKey)) return;
  queryClient.clear();
  setActiveTenant(null);
  void router.navigate({ to: '/connexion', search: { erreur: 'session', retour: href } });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
