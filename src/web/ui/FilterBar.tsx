import { Button, Grid, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';

/**
 * The filter form of a list (role="search"): a text search first, debounced (its change replaces
 * the history entry rather than adding one per keystroke), then the list's own filters as Grid.Col
 * children, which apply at once. Enter in the text applies it without waiting.
 */
export function FilterBar(props: {
  /** Names the search landmark, e.g. "Filtrer les tickets". */
  label: string;
  /** What the text search looks in, shown under "Rechercher". */
  searchDescription: string;
  search: string | undefined;
  onSearch: (search: string | undefined, replace?: boolean) => void;
  children: ReactNode;
}) {
  const { search, onSearch } = props;
  const [text, setText] = useState(search ?? '');
  const [debounced] = useDebouncedValue(text, 350);

  useEffect(() => {
    const next = debounced.trim() || undefined;
    if (next !== search) onSearch(next, true);
    // runs on a new typed value only: a URL change must not send it back
  }, [debounced]);

  // The URL changed from elsewhere (reset, back button): show its value.
  useEffect(() => {
    if ((search ?? '') !== debounced.trim()) setText(search ?? '');
    // runs on a URL change only: typing must not be overwritten
  }, [search]);

  return (
    <form
      role="search"
      aria-label={props.label}
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text.trim() || undefined);
      }}
    >
      <Grid gutter="sm" align="flex-end">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <TextInput
            label="Rechercher"
            description={props.searchDescription}
            leftSection={<IconSearch size={18} aria-hidden />}
            type="search"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
        </Grid.Col>
        {props.children}
      </Grid>
    </form>
  );
}

/** Clears every filter of the list; disabled when none is set. */
export function ResetFiltersButton(props: { onReset: () => void; disabled: boolean }) {
  return (
    <Button variant="subtle" leftSection={<IconFilterOff size={18} aria-hidden />} onClick={props.onReset} disabled={props.disabled}>
      Effacer les filtres
    </Button>
  );
}
