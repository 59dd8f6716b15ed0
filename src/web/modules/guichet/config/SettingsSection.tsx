import { Button, Group, NativeSelect, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from '@mantine/form';
import { updateDeskSettingsInput } from '../../../../modules/guichet/operations/config/desk-settings.input';
import { schemaValidator, showServerIssues } from '../../../ui/form';
import { Section } from '../../../ui/Section';
import { ChangeError } from './ChangeError';
import { apiClient, call } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import { useDeskChange } from './queries';
import type { DeskConfiguration } from './types';

/** Desk settings: the default agreement and when repeated failures of a device make a problem. */
export function SettingsSection({ config }: { config: DeskConfiguration }) {
  return (
    <Section title="Réglages du guichet" id="reglages">
      <SettingsForm key={config.settings.version} config={config} />
    </Section>
  );
}

interface SettingsValues {
  defaultAgreementId: string;
  problemThreshold: number | '';
  problemWindowDays: number | '';
}

function SettingsForm({ config }: { config: DeskConfiguration }) {
  const settings = config.settings;
  const bodyOf = (v: SettingsValues): BodyOf<'/api/desk/settings', 'patch'> => ({
    version: settings.version,
    defaultAgreementId: v.defaultAgreementId,
    ...(v.problemThreshold === '' ? {} : { problemThreshold: v.problemThreshold }),
    ...(v.problemWindowDays === '' ? {} : { problemWindowDays: v.problemWindowDays }),
  });
  // the operation's own schema: fewer than 2 failures or more than 365 days are refused on their field
  const form = useForm<SettingsValues>({
    initialValues: { defaultAgreementId: settings.defaultAgreementId, problemThreshold: settings.problemThreshold, problemWindowDays: settings.problemWindowDays },
    validate: schemaValidator(updateDeskSettingsInput, bodyOf),
  });
  const save = useDeskChange((body: BodyOf<'/api/desk/settings', 'patch'>) => call(apiClient.PATCH('/api/desk/settings', { body })));
  const readOnly = !config.canConfigure;

  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync(bodyOf(values));
      notifications.show({ color: 'teal', message: 'Réglages enregistrés.' });
    } catch (error) {
      // the message is shown by ChangeError; the fields it names are marked
      showServerIssues(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Réglages du guichet">
      <Stack gap="md" maw={560}>
        <ChangeError error={save.error} />
        <NativeSelect
          label="Convention par défaut"
          description="S’applique aux catégories sans convention propre et aux tickets en attente de tri."
          data={config.agreements.map((a) => ({ value: a.id, label: a.label }))}
          {...form.getInputProps('defaultAgreementId')}
          disabled={readOnly}
        />
        <Text fw={600}>Pannes répétées</Text>
        <Group grow>
          <NumberInput label="Nombre d’incidents sur un équipement" min={2} max={100} allowDecimal={false} {...form.getInputProps('problemThreshold')} disabled={readOnly} />
          <NumberInput label="Sur une période de (jours)" min={1} max={365} allowDecimal={false} {...form.getInputProps('problemWindowDays')} disabled={readOnly} />
        </Group>
        {!readOnly && (
          <Button type="submit" loading={save.isPending} w="fit-content">
            Enregistrer les réglages
          </Button>
        )}
      </Stack>
    </form>
  );
}
