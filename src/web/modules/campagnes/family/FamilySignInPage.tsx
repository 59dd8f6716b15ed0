import { Alert, Anchor, Button, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { errorMessage } from '../../../api/client';
import { showServerIssues } from '../../../ui/form';
import { Loading } from '../../../ui/Loading';
import { usePageTitle } from '../../../ui/usePageTitle';
import { FamilyFrame } from './FamilyFrame';
import { signInWithToken, useOpenCampaigns, useRequestLink, useSignInMethods } from './family-api';

const routeApi = getRouteApi('/famille/$authority/connexion');

/** Why the identity provider's return sent the family back here (the callback's `erreur`). */
const refusalMessages: Record<string, string> = {
  'oidc-indisponible': 'La connexion par fournisseur d’identité n’est pas disponible pour le moment : demandez un lien par courriel.',
  'oidc-echec': 'La connexion par fournisseur d’identité a échoué : réessayez ou demandez un lien par courriel.',
  'collectivite-inconnue': 'Cette collectivité est inconnue.',
  'compte-professionnel': 'Cette adresse est celle d’un compte professionnel : les familles se connectent avec une adresse personnelle.',
};

const tokenInAddress = () => new URLSearchParams(window.location.hash.slice(1)).get('jeton');

const linkSchema = z.object({
  email: z.email('Indiquez une adresse électronique valide.'),
  campaign: z.string().min(1, 'Choisissez la campagne.'),
});

/**
 * Where a family signs in: the link received by e-mail lands here (`#jeton=…`, kept out of the
 * server's logs since a fragment is never sent), else it asks for a link or uses the identity provider.
 */
export function FamilySignInPage() {
  const { authority } = routeApi.useParams();
  const { erreur } = routeApi.useSearch();
  usePageTitle('Connexion des familles');
  const navigate = useNavigate();
  const [token, setToken] = useState(tokenInAddress);
  const [signingIn, setSigningIn] = useState(false);
  const [tokenError, setTokenError] = useState<unknown>(null);

  // a link opened in a tab already on this page changes only the fragment: no new page load
  useEffect(() => {
    const follow = () => setToken(tokenInAddress());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  useEffect(() => {
    if (!token) return;
    // the token is single-use: taken once, dropped from the address bar and the history at once
    window.history.replaceState(null, '', window.location.pathname);
    setToken(null);
    setSigningIn(true);
    setTokenError(null);
    signInWithToken(authority, token)
      .then(() => navigate({ to: '/famille/$authority', params: { authority } }))
      .catch((error: unknown) => {
        setTokenError(error);
        setSigningIn(false);
      });
  }, [authority, navigate, token]);

  if (token || signingIn) return <Loading label="Connexion en cours…" />;
  return (
    <FamilyFrame authority={authority} title="Connexion des familles">
      <Stack gap="lg">
        {tokenError !== null && (
          <Alert color="red" title="Ce lien ne permet pas de se connecter" role="alert">
            {errorMessage(tokenError)} Demandez un nouveau lien ci-dessous.
          </Alert>
        )}
        {erreur && (
          <Alert color="red" title="Connexion impossible" role="alert">
            {refusalMessages[erreur] ?? 'La connexion a échoué.'}
          </Alert>
        )}
        <LinkRequest authority={authority} />
        <ProviderSignIn authority={authority} />
      </Stack>
    </FamilyFrame>
  );
}

function LinkRequest({ authority }: { authority: string }) {
  const campaigns = useOpenCampaigns(authority);
  const request = useRequestLink();
  const form = useForm({ initialValues: { email: '', campaign: '' }, validate: zod4Resolver(linkSchema) });
  const options = (campaigns.data ?? []).map((c) => ({ value: c.code, label: c.title }));
  const onlyCampaign = campaigns.data?.length === 1 ? campaigns.data[0].code : null;
  const { setFieldValue } = form;
  useEffect(() => {
    if (onlyCampaign) setFieldValue('campaign', onlyCampaign);
  }, [onlyCampaign, setFieldValue]);

  if (campaigns.error) return <Alert color="red" role="alert">{errorMessage(campaigns.error)}</Alert>;
  if (!campaigns.data) return <Loading label="Chargement des campagnes…" />;
  if (campaigns.data.length === 0) return <Alert color="gray">Aucune campagne d’aide n’est ouverte en ce moment chez cette collectivité.</Alert>;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">Recevoir un lien de connexion</Title>
      <Text size="sm" mb="md">Sans mot de passe : un lien valable 30 minutes, utilisable une seule fois, est envoyé à votre adresse.</Text>
      {request.isSuccess ? (
        <Alert color="teal" title="Lien envoyé" role="status">
          Si l’adresse est correcte, un courriel vient de partir : ouvrez le lien qu’il contient dans les {request.data.validMinutes} minutes.
        </Alert>
      ) : (
        <form
          noValidate
          aria-label="Recevoir un lien de connexion"
          onSubmit={form.onSubmit((v) => request.mutate({ authority, code: v.campaign, email: v.email.trim() }, { onError: (e) => showServerIssues(form, e) }))}
        >
          <Stack gap="sm">
            {options.length > 1 && <Select label="Campagne" required data={options} allowDeselect={false} {...form.getInputProps('campaign')} />}
            <TextInput label="Adresse électronique" type="email" autoComplete="email" required {...form.getInputProps('email')} />
            {request.isError && <Alert color="red" role="alert">{errorMessage(request.error)}</Alert>}
            <div>
              <Button type="submit" loading={request.isPending}>Recevoir le lien</Button>
            </div>
          </Stack>
        </form>
      )}
    </Paper>
  );
}

function ProviderSignIn({ authority }: { authority: string }) {
  const methods = useSignInMethods(authority);
  const oidc = methods.data?.oidc;
  if (!oidc) return null;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">Ou se connecter avec {oidc.label}</Title>
      <Anchor href={oidc.loginUrl}>S’identifier avec {oidc.label}</Anchor>
    </Paper>
  );
}
