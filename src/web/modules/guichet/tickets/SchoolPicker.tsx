import { SchoolSelect } from '../../../ui/SchoolSelect';

interface Props {
  label: string;
  value: string | null;
  onChange: (uai: string | null) => void;
  required?: boolean;
  error?: string;
}

/**
 * The hotline's school field: the caller gives a UAI or a name. The server's search is fuzzy, so a
 * UAI typed in full comes first: ArrowDown then Enter picks it without reading the list.
 */
export function SchoolPicker({ label, value, onChange, required, error }: Props) {
  return <SchoolSelect label={label} placeholder="UAI ou nom" value={value} onChange={onChange} required={required} error={error} typedUaiFirst debounceMs={200} />;
}
