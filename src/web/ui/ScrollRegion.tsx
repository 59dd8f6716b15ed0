import type { ReactNode } from 'react';

/**
 * A table that may scroll sideways on a tablet: the region is named and focusable, so a keyboard
 * can scroll it (WCAG 2.1.1, axe "scrollable-region-focusable").
 */
export function ScrollRegion(props: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}
