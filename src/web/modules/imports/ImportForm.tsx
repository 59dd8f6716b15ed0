import { Button, Checkbox, Group, Radio, Stack } from '@mantine/core';
import { IconEye, IconUpload } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { FilePicker } from '../../ui/FilePicker';
import { useCan } from '../../session/session';
import type { ImportMode, ImportOptions } from './types';

interface Props {
  busy: boolean;
  onSubmit: (file: File, options: ImportOptions) => void;
}

export function ImportForm({ busy, onSubmit }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all-or-nothing');
  const [includeNonSchools, setIncludeNonSchools] = useState(false);
  const [confirmOutOfScope, setConfirmOutOfScope] = useState(false);
  const administrator = useCan('organization.manage');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (!file) {
      setError('Choisissez un fichier à importer.');
      return;
    }
    setError(null);
    onSubmit(file, { mode, includeNonSchools, confirmOutOfScope, preview: submitter?.value === 'preview' });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Importer un fichier d’établissements">
      <Stack gap="lg">
        <FilePicker
          id="fichier-import"
          label="Fichier à importer"
          description="Annuaire de l’éducation (CSV), adresse et géolocalisation des établissements (CSV) ou liste des lycées (JSON), tels que publiés sur data.education.gouv.fr."
          accept=".csv,.json,.txt,text/csv,application/json"
          file={file}
          error={error}
          disabled={busy}
          onChange={(chosen) => {
            setFile(chosen);
            setError(null);
          }}
        />
        <Radio.Group
          label="Si des lignes sont invalides"
          value={mode}
          onChange={(v) => setMode(v as ImportMode)}
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
          checked={includeNonSchools}
          onChange={(e) => setIncludeNonSchools(e.currentTarget.checked)}
          disabled={busy}
        />
        {administrator && (
          <Checkbox
            label="Écrire aussi les lignes hors compétence"
            description="Les établissements que la collectivité ne gère pas (autre type ou autre territoire) sont signalés et écartés ; cochez pour confirmer qu’ils doivent être enregistrés."
            checked={confirmOutOfScope}
            onChange={(e) => setConfirmOutOfScope(e.currentTarget.checked)}
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
