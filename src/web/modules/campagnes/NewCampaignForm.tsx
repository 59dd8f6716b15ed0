import { Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { apiClient, call, errorMessage } from '../../api/client';
import { natures } from '../../labels';
import { schemaValidator, showServerIssues } from '../../ui/form';
import { createCampaignInput } from '../../../modules/campagnes/operations/campaign.input';
import { campaignKindLabels } from './labels';
import { campagnesKey } from './queries';

interface Values {
  code: string;
  kind: string;
  title: string;
  description: string;
  opensOn: string;
  closesOn: string;
  budgetEuros: number | '';
  retentionMonths: number | '';
  natureCodes: string[];
}

const toBody = (v: Values) => ({
  code: v.code.trim(),
  kind: v.kind,
  title: v.title.trim(),
  description: v.description,
  opensOn: v.opensOn,
  closesOn: v.closesOn,
  budgetCents: v.budgetEuros === '' ? null : Math.round(v.budgetEuros * 100),
  retentionMonths: v.retentionMonths === '' ? 12 : v.retentionMonths,
  eligibility: { natureCodes: v.natureCodes, unitIds: [], establishmentIds: [] },
});

const fieldOf = { budgetCents: 'budgetEuros', 'eligibility.natureCodes': 'natureCodes' };

/**
 * A new call, as a draft: its kind, title, opening and last day (closing at 23:59:59 Paris time),
 * envelope, retention and the natures of schools it is open to. Its form is built next, then it
 * is published from its page.
 */
export function NewCampaignForm({ onClose }: { onClose: () => void }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<Values>({
    initialValues: { code: '', kind: 'project', title: '', description: '', opensOn: '', closesOn: '', budgetEuros: '', retentionMonths: 12, natureCodes: [] },
    validate: schemaValidator(createCampaignInput, toBody, fieldOf),
  });
  const create = useMutation({
    mutationFn: (values: Values) => call(apiClient.POST('/api/campaigns', { body: toBody(values) as never })),
    onSuccess: (c) => {
      notifications.show({ color: 'teal', message: `Campagne « ${c.title} » créée en brouillon : construisez son formulaire.` });
      void client.invalidateQueries({ queryKey: campagnesKey('campaigns') });
      void navigate({ to: '/campagnes/$id/formulaire', params: { id: c.id } });
    },
    onError: (e) => {
      if (!showServerIssues(form, e, fieldOf)) notifications.show({ color: 'red', title: 'Campagne refusée', message: errorMessage(e) });
    },
  });
  return (
    <Modal opened onClose={onClose} title="Nouvelle campagne" size="lg">
      <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label="Type d’appel" withAsterisk data={Object.entries(campaignKindLabels).map(([value, label]) => ({ value, label }))} allowDeselect={false} {...form.getInputProps('kind')} />
            <TextInput label="Code" description="Unique dans la collectivité : minuscules, chiffres, tirets" withAsterisk {...form.getInputProps('code')} />
          </SimpleGrid>
          <TextInput label="Titre" withAsterisk {...form.getInputProps('title')} />
          <Textarea label="Présentation" autosize minRows={2} {...form.getInputProps('description')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="date" label="Ouverture" withAsterisk {...form.getInputProps('opensOn')} />
            <TextInput type="date" label="Dernier jour" description="Close à 23 h 59 min 59 s, heure de Paris" withAsterisk {...form.getInputProps('closesOn')} />
            <NumberInput label="Enveloppe" suffix=" €" min={0} decimalScale={2} decimalSeparator="," thousandSeparator=" " {...form.getInputProps('budgetEuros')} />
            <NumberInput label="Conservation après la clôture (mois)" min={1} max={60} allowDecimal={false} {...form.getInputProps('retentionMonths')} />
          </SimpleGrid>
          <MultiSelect label="Ouverte aux natures d’établissement" description="Aucune : tous les établissements de la collectivité" searchable data={Object.entries(natures).map(([value, label]) => ({ value, label: `${label} (${value})` }))} {...form.getInputProps('natureCodes')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Annuler</Button>
            <Button type="submit" loading={create.isPending}>Créer le brouillon</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
