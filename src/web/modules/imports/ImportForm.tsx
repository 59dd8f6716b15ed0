import { Button, Checkbox, Input, Radio, Stack } from '@mantine/core';
import { IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { ImportMode } from './types';

const sizeText = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-FR')} Ko` : `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

interface Props {
  busy: boolean;
  onSubmit: (file: File, options: { mode: ImportMode; includeNonSchools: boolean }) => void;
}

export function ImportForm({ busy, onSubmit }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all-or-nothing');
  const [includeNonSchools, setIncludeNonSchools] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError('Choisissez un fichier à importer.');
      return;
    }
    setError(null);
    onSubmit(file, { mode, includeNonSchools });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Importer un fichier d’établissements">
      <Stack gap="lg">
        <Input.Wrapper
          label="Fichier à importer"
          description="Annuaire de l’éducation (CSV), adresse et géolocalisation des établissements (CSV) ou liste des lycées (JSON), tels que publiés sur data.education.gouv.fr."
          error={error}
          required
          id="fichier-import"
        >
          <div className="file-picker">
            <input
              id="fichier-import"
              className="file-picker-input"
              type="file"
              name="file"
              accept=".csv,.json,.txt,text/csv,application/json"
              aria-describedby="fichier-import-description fichier-import-nom"
              aria-invalid={error ? true : undefined}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setError(null);
              }}
              disabled={busy}
            />
            <span className="file-picker-button" aria-hidden="true">
              <IconFileUpload size={18} aria-hidden /> Choisir un fichier
            </span>
            <span id="fichier-import-nom" className="file-picker-name">
              {file ? `${file.name} (${sizeText(file.size)})` : 'Aucun fichier choisi'}
            </span>
          </div>
        </Input.Wrapper>
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
        <div>
          <Button type="submit" size="md" leftSection={<IconUpload size={18} aria-hidden />} loading={busy}>
            Importer le fichier
          </Button>
        </div>
      </Stack>
    </form>
  );
}
