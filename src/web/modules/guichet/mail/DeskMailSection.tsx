import { Alert, Box, Button, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiClient, call, errorMessage, isApiError } from '../../../api/client';
import { Section } from '../../../ui/Section';

/**
 * The desk's e-mail address (GET/PUT /api/desk/mail): a message sent there opens a ticket, a
 * reply to our mail lands on its ticket. Shown to the desk; changed by the administrator.
 */
export function DeskMailSection({ canConfigure }: { canConfigure: boolean }) {
  const query = useQuery({ queryKey: ['desk', 'mail'], queryFn: ({ signal }) => call(apiClient.GET('/api/desk/mail', { signal })) });
  return (
    <Box mt="md">
      <Section title="Courriel du guichet" id="courriel">
        {query.error ? (
          <Alert color="red" title="Adresse non chargée">
            {errorMessage(query.error)}
          </Alert>
        ) : !query.data ? (
          <Text size="sm">Chargement…</Text>
        ) : (
          <MailForm key={query.data.inboundAddress ?? ''} current={query.data.inboundAddress} canConfigure={canConfigure} />
        )}
      </Section>
    </Box>
  );
}

function MailForm({ current, canConfigure }: { current: string | null; canConfigure: boolean }) {
  const client = useQueryClient();
  const [address, setAddress] = useState(current ?? '');
  const save = useMutation({
    mutationFn: (inboundAddress: string | null) => call(apiClient.PUT('/api/desk/mail', { body: { inboundAddress } })),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Adresse du guichet enregistrée.' });
      return client.invalidateQueries({ queryKey: ['desk', 'mail'] });
    },
  });
  const fieldError = isApiError(save.error, 400) ? save.error.issues[0]?.message ?? save.error.message : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(address.trim() === '' ? null : address.trim());
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Courriel du guichet">
      <Stack gap="md" maw={560}>
        <Text size="sm">
          Un courriel envoyé à cette adresse par une personne ayant un compte ouvre un ticket (l’UAI dans l’objet, sinon son établissement) ; une réponse à
          nos courriels s’ajoute au ticket comme suivi public. Sans adresse, le guichet ne reçoit pas de courriel.
        </Text>
        {save.error && !fieldError && (
          <Alert color="red" title="Adresse non enregistrée" role="alert">
            {errorMessage(save.error)}
          </Alert>
        )}
        <TextInput
          label="Adresse de réception"
          type="email"
          placeholder="guichet@collectivite.fr"
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={fieldError}
          readOnly={!canConfigure}
        />
        {canConfigure && (
          <Button type="submit" loading={save.isPending} w="fit-content">
            Enregistrer l’adresse
          </Button>
        )}
      </Stack>
    </form>
  );
}
