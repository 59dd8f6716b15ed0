import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';

export type SortState = false | 'asc' | 'desc';

export const ariaSort = (state: SortState) => (state === 'asc' ? 'ascending' : state === 'desc' ? 'descending' : 'none');

/** A column header button: the arrow shows the order, aria-sort on the <th> tells assistive tech. */
export function SortButton(props: { label: string; state: SortState; onClick: (event: unknown) => void }) {
  const Icon = props.state === 'asc' ? IconArrowUp : props.state === 'desc' ? IconArrowDown : IconArrowsSort;
  const hint = props.state === 'asc' ? 'trié par ordre croissant' : props.state === 'desc' ? 'trié par ordre décroissant' : 'cliquer pour trier';
  return (
    <button type="button" className="sort-button" onClick={props.onClick} title={`${props.label} : ${hint}`}>
      {props.label}
      <Icon size={16} aria-hidden style={{ opacity: props.state ? 1 : 0.55 }} />
    </button>
  );
}
