import { Alert, Anchor, Box, Button, Center, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconInfoCircle, IconLogin } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { apiClient, call, errorMessage, setActiveTenant } from '../api/client';
import { meQuery } from '../session/session';
import { Brand } from '../ui/Brand';
import { usePageTitle } from '../ui/usePageTitle';

export interface LoginSearch {
  erreur?: string;
  retour?: string;
  deconnecte?: string;
}

export function validateLoginSearch(search: Record<string, unknown>): LoginSearch {
  const text = (v: unknown) => (typeof v === 'string' && v.length <= 500 ? v : undefined);
  return { erreur: text(search.erreur), retour: text(search.retour), deconnecte: text(search.deconnecte) };
}

/** Messages for the error codes the single sign-on callback puts in ?erreur= (unknown codes get a generic one). */
const loginErrors: Record<string, string> = {
  'session-expiree': 'La demande de connexion a expiré ou ne vient pas de ce navigateur. Recommencez.',
  'oidc-refus': "Le fournisseur d'identité n'a pas autorisé la connexion.",
  'oidc-echec': "La connexion par le fournisseur d'identité n'a pas abouti. Réessayez, ou connectez-vous avec votre mot de passe.",
  'oidc-indisponible': "Le fournisseur d'identité est indisponible pour le moment. Connectez-vous avec votre mot de passe ou réessayez plus tard.",
  'compte-inconnu': "Aucun compte Cohérence n'est associé à cette identité. Demandez un accès à l'administrateur de votre collectivité.",
  session: 'Votre session a expiré ou a été fermée. Reconnectez-vous pour continuer.',
  'compte-desactive': 'Votre compte est désactivé. Adressez-vous à l’administrateur de votre collectivité.',
};

const providersQuery = {
  queryKey: ['auth-providers'],
  queryFn: () =>
    call(apiClient.GET('/api/auth/providers')).catch(() => ({ oidc: null })),
  staleTime: 5 * 60_000,
};

/** Only a path on this site: never send someone to another origin after login. */
function safeReturn(retour?: string): string {
  return retour && retour.startsWith('/') && !retour.startsWith('//') && !retour.startsWith('/connexion') ? retour : '/';
}

const routeApi = getRouteApi('/connexion');

export function LoginPage() {
  usePageTitle('Connexion');
  const search = routeApi.useSearch();
  const router = useRouter();
  const client = useQueryClient();
  const providers = useQuery(providersQuery);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Already signed in: go straight on.
  useEffect(() => {
    client.fetchQuery(meQuery).then(
      () => router.navigate({ href: safeReturn(search.retour), replace: true }),
      () => undefined,
    );
  }, [client, router, search.retour]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError('Saisissez votre adresse e-mail et votre mot de passe.');
      return;
    }
    setBusy(true);
    try {
      const me = await call(apiClient.POST('/api/auth/login', { body: { email: email.trim(), password } }));
      client.clear();
      setActiveTenant(me.activeTenant?.code ?? null);
      client.setQueryData(meQuery.queryKey, me);
      await router.navigate({ href: safeReturn(search.retour) });
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  const oidc = providers.data?.oidc;
  const callbackError = search.erreur ? (loginErrors[search.erreur] ?? "La connexion n'a pas abouti. Réessayez.") : null;
  const signedOut = search.deconnecte?.startsWith('tout')
    ? 'Vous êtes déconnecté de tous vos appareils.'
    : search.deconnecte
      ? 'Vous êtes déconnecté.'
      : null;

  return (
    <Box bg="gray.0" mih="100vh">
      <Center component="main" id="contenu" tabIndex={-1} mih="100vh" p="md">
        <Stack w="100%" maw={440} gap="lg">
          <Center>
            <Brand />
          </Center>
          <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }}>
            <form onSubmit={submit} noValidate aria-labelledby="titre-connexion">
              <Stack gap="md">
                <div>
                  <Title order={1} size="h2" id="titre-connexion">
                    Connexion
                  </Title>
                  <Text size="sm" c="dimmed" mt={4}>
                    Accédez au système d’information du numérique éducatif de votre collectivité.
                  </Text>
                </div>
                {signedOut && !error && (
                  <Alert color="green" icon={<IconInfoCircle aria-hidden />} role="status">
                    {signedOut}
                  </Alert>
                )}
                {(error ?? callbackError) && (
                  <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="Connexion impossible">
                    {error ?? callbackError}
                  </Alert>
                )}
                <TextInput
                  label="Adresse e-mail"
                  type="email"
                  name="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  size="md"
                />
                <PasswordInput
                  label="Mot de passe"
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  size="md"
                  visibilityToggleButtonProps={{ 'aria-label': 'Afficher ou masquer le mot de passe' }}
                />
                <Button type="submit" size="md" loading={busy} leftSection={<IconLogin size={18} aria-hidden />}>
                  Se connecter
                </Button>
                {oidc && (
                  <>
                    <Divider label="ou" labelPosition="center" />
                    <Button component="a" href={oidc.loginUrl ?? '/api/auth/oidc/login'} variant="outline" size="md">
                      Se connecter avec {oidc.label}
                    </Button>
                  </>
                )}
              </Stack>
            </form>
          </Paper>
          <Text size="sm" ta="center" c="dimmed">
            Mot de passe oublié ou pas encore de compte ? Adressez-vous à l’administrateur de votre collectivité.{' '}
            <Anchor href="/api/docs" size="sm">
              Documentation de l’API
            </Anchor>
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
