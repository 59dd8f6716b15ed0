import { Button, Group, NativeSelect, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { Section } from '../../../ui/Section';
import { ChangeError } from './ChangeError';
import { apiClient, call } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import { useDeskChange, withoutRouting } from './queries';
import type { DeskConfiguration, DeskSettings } from './types';

/** Desk settings: the default agreement and when repeated failures of a device make a problem. */
export function SettingsSection({ config }: { config: DeskConfiguration }) {
  return (
    <Section title="Réglages du guichet" id="reglages">
      <SettingsForm key={config.settings.version} config={config} />
    </Section>
  );
}

function SettingsForm({ config }: { config: DeskConfiguration }) {
  const settings = config.settings;
  const [agreementId, setAgreementId] = useState(settings.defaultAgreementId);
  const [threshold, setThreshold] = useState<number | ''>(settings.problemThreshold);
  const [windowDays, setWindowDays] = useState<number | ''>(settings.problemWindowDays);
  const save = useDeskChange((body: BodyOf<'/api/desk/settings', 'patch'>) => call(apiClient.PATCH('/api/desk/settings', { body })));
  const readOnly = !config.canConfigure;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await save.mutateAsync({
        version: settings.version,
        defaultAgreementId: agreementId,
        ...(threshold === '' ? {} : { problemThreshold: threshold }),
        ...(windowDays === '' ? {} : { problemWindowDays: windowDays }),
      });
      notifications.show({ color: 'teal', message: 'Réglages enregistrés.' });
    } catch {
      // shown by ChangeError
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Réglages du guichet">
      <Stack gap="md" maw={560}>
        <ChangeError error={save.error} />
        <NativeSelect
          label="Convention par défaut"
          description="S’applique aux catégories sans convention propre et aux tickets en attente de tri."
          data={config.agreements.map((a) => ({ value: a.id, label: a.label }))}
          value={agreementId}
          onChange={(e) => setAgreementId(e.currentTarget.value)}
          disabled={readOnly}
        />
        <Text fw={600}>Pannes répétées</Text>
        <Group grow>
          <NumberInput label="Nombre d’incidents sur un équipement" min={2} max={100} allowDecimal={false} value={threshold} onChange={(v) => setThreshold(v === '' ? '' : Number(v))} disabled={readOnly} />
          <NumberInput label="Sur une période de (jours)" min={1} max={365} allowDecimal={false} value={windowDays} onChange={(v) => setWindowDays(v === '' ? '' : Number(v))} disabled={readOnly} />
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
