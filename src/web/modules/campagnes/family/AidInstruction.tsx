import { Alert, Anchor, Button, Group, NumberInput, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, call, errorMessage, isApiError } from '../../../api/client';
import { Facts } from '../../../ui/Facts';
import { Section } from '../../../ui/Section';
import { euros } from '../labels';
import { campagnesKey } from '../queries';

/**
 * A family's file as the campaign's instructors read it: the pupil, the school, the income and
 * the tax notice (theirs only), the computed aid, and the social fund top-up they may add.
 */
export function AidInstruction({ dossierId }: { dossierId: string }) {
  const client = useQueryClient();
  const file = useQuery({
    queryKey: campagnesKey('aid-file', dossierId),
    queryFn: ({ signal }) => call(apiClient.GET('/api/aid-files/{id}', { params: { path: { id: dossierId } }, signal })),
    retry: false,
  });
  const [amount, setAmount] = useState<number | ''>('');
  const [reason, setReason] = useState('');
  const fund = useMutation({
    mutationFn: (body: { version: number; socialFundCents: number; reason: string }) => call(apiClient.PUT('/api/aid-files/{id}/social-fund', { params: { path: { id: dossierId } }, body })),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Fonds social enregistré.' });
      setReason('');
      void client.invalidateQueries({ queryKey: campagnesKey('aid-file', dossierId) });
      void client.invalidateQueries({ queryKey: campagnesKey('dossier', dossierId) });
    },
  });
  // another group's instructor, a reader or the school: the family's data is not theirs to see
  if (file.isError && isApiError(file.error, 404)) return null;
  if (!file.data) return null;
  const f = file.data;
  return (
    <Section title="Aide à l’équipement de la famille">
      <Stack gap="sm">
        <Facts
          items={[
            ['Élève', [f.pupilFirstName, f.pupilLastName].filter(Boolean).join(' ') || null],
            ['Classe', f.pupilClass],
            ['Lycée', f.schoolName ? `${f.schoolName} (${f.uai})` : null],
            ['Équipement', f.device],
            ['Prix', f.priceCents === null ? null : euros(f.priceCents)],
            ['Revenu fiscal de référence', f.householdIncomeCents === null ? null : euros(f.householdIncomeCents)],
            ['Aide calculée', euros(f.aidCents)],
            ['Fonds social', euros(f.socialFundCents)],
            ['Reste à la famille', `${euros(f.familyCents)}${f.instalments > 1 ? ` en ${f.instalments} mensualités` : ' comptant'}${f.insurance ? ', assurance comprise' : ''}`],
            ['Données personnelles', f.purged ? 'Purgées à la fin de la conservation' : 'Conservées'],
          ]}
        />
        {f.taxNotice ? (
          <Anchor href={`/api/aid-files/${f.id}/tax-notice`} size="sm">
            Télécharger l’avis d’imposition ({f.taxNotice.filename})
          </Anchor>
        ) : null}
        {f.state === 'en_instruction' || f.state === 'en_construction' ? (
          <Group align="flex-end">
            <NumberInput label="Complément du fonds social" suffix=" €" min={0} decimalScale={2} decimalSeparator="," value={amount} onChange={(v) => setAmount(v === '' ? '' : Number(v))} w={200} />
            <Textarea label="Motif" autosize minRows={1} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={320} />
            <Button disabled={amount === ''} loading={fund.isPending} onClick={() => fund.mutate({ version: f.version, socialFundCents: Math.round(Number(amount) * 100), reason })}>
              Accorder
            </Button>
          </Group>
        ) : null}
        {fund.error ? <Alert color="red" role="alert">{errorMessage(fund.error)}</Alert> : null}
      </Stack>
    </Section>
  );
}
