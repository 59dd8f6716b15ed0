import { Input } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';

const sizeText = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-FR')} Ko` : `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

interface Props {
  id: string;
  label: string;
  description: string;
  /** File types offered by the browser's dialog (the server checks the content anyway). */
  accept: string;
  file: File | null;
  error: string | null;
  disabled?: boolean;
  onChange: (file: File | null) => void;
}

/**
 * A file field that says in French which file is chosen and how big it is (the browser's own
 * input speaks the browser's language); the real input stays focusable and labelled.
 */
export function FilePicker({ id, label, description, accept, file, error, disabled, onChange }: Props) {
  return (
    <Input.Wrapper label={label} description={description} error={error} required id={id}>
      <div className="file-picker">
        <input
          id={id}
          className="file-picker-input"
          type="file"
          name="file"
          accept={accept}
          aria-describedby={`${id}-description ${id}-nom`}
          aria-invalid={error ? true : undefined}
          disabled={disabled}
          onChange={(e) => onChange(e.currentTarget.files?.[0] ?? null)}
        />
        <span className="file-picker-button" aria-hidden="true">
          <IconFileUpload size={18} aria-hidden /> Choisir un fichier
        </span>
        <span id={`${id}-nom`} className="file-picker-name">
          {file ? `${file.name} (${sizeText(file.size)})` : 'Aucun fichier choisi'}
        </span>
      </div>
    </Input.Wrapper>
  );
}
