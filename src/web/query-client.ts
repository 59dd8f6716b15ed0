import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api/client';

let onSessionLost: (() => void) | null = null;

/** Called when any call answers 401: main.tsx sends the person back to the login page. */
export function setSessionLostHandler(handler: () => void) {
  onSessionLost = handler;
}

const checkSession = (error: unknown) => {
  if (isApiError(error, 401)) onSessionLost?.();
};

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: checkSession }),
  mutationCache: new MutationCache({ onError: checkSession }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // client errors (401, 403, 404, 409...) will not change on retry
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
  },
});
