import { Button, Checkbox, Group, Radio, Stack } from '@mantine/core';
import { IconEye, IconUpload } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import type { FormEvent } from 'react';
import { FilePicker } from '../../ui/FilePicker';
import { useCan } from '../../session/session';
import type { ImportMode, ImportOptions } from './types';

interface ImportValues {
  file: File | null;
  mode: ImportMode;
  includeNonSchools: boolean;
  confirmOutOfScope: boolean;
}

interface Props {
  busy: boolean;
  onSubmit: (file: File, options: ImportOptions) => void;
}

export function ImportForm({ busy, onSubmit }: Props) {
  // the options travel as multipart fields, which the route reads without a zod schema: the one rule is the file's
  const form = useForm<ImportValues>({
    initialValues: { file: null, mode: 'all-or-nothing', includeNonSchools: false, confirmOutOfScope: false },
    validate: { file: (file) => (file ? null : 'Choisissez un fichier à importer.') },
  });
  const administrator = useCan('organization.manage');

  const submit = form.onSubmit(({ file, ...options }, event?: FormEvent<HTMLFormElement>) => {
    const submitter = (event?.nativeEvent as SubmitEvent | undefined)?.submitter as HTMLButtonElement | null | undefined;
    if (file) onSubmit(file, { ...options, preview: submitter?.value === 'preview' });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Importer un fichier d’établissements">
      <Stack gap="lg">
        <FilePicker
          id="fichier-import"
          label="Fichier à importer"
          description="Annuaire de l’éducation (CSV), adresse et géolocalisation des établissements (CSV) ou liste des lycées (JSON), tels que publiés sur data.education.gouv.fr."
          accept=".csv,.json,.txt,text/csv,application/json"
          file={form.values.file}
          error={(form.errors.file as string | undefined) ?? null}
          disabled={busy}
          onChange={(chosen) => form.setFieldValue('file', chosen)}
        />
        <Radio.Group
          label="Si des lignes sont invalides"
          {...form.getInputProps('mode')}
          name="mode"
        >
          <Stack gap="sm" mt="xs">
            <Radio
              value="all-or-nothing"
              label="Tout ou rien"
              description="Rien n’est importé tant qu’une ligne est invalide : corrigez le fichier puis relancez."
              disabled={busy}
            />
            <Radio
              value="apply-valid"
              label="Appliquer les lignes valides"
              description="Les lignes valides sont enregistrées ; les lignes invalides sont écartées et listées dans le rapport."
              disabled={busy}
            />
          </Stack>
        </Radio.Group>
        <Checkbox
          label="Inclure les services administratifs et centres d’information"
          description="Par défaut, seuls les établissements scolaires sont importés."
          {...form.getInputProps('includeNonSchools', { type: 'checkbox' })}
          disabled={busy}
        />
        {administrator && (
          <Checkbox
            label="Écrire aussi les lignes hors compétence"
            description="Les établissements que la collectivité ne gère pas (autre type ou autre territoire) sont signalés et écartés ; cochez pour confirmer qu’ils doivent être enregistrés."
            {...form.getInputProps('confirmOutOfScope', { type: 'checkbox' })}
            disabled={busy}
          />
        )}
        <Group gap="sm">
          <Button type="submit" name="action" value="preview" size="md" variant="default" leftSection={<IconEye size={18} aria-hidden />} disabled={busy}>
            Prévisualiser
          </Button>
          <Button type="submit" name="action" value="apply" size="md" leftSection={<IconUpload size={18} aria-hidden />} loading={busy}>
            Importer le fichier
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
