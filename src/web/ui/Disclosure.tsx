import { useState, type CSSProperties, type ReactNode } from 'react';

const summaryStyle: CSSProperties = { cursor: 'pointer', fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' };

/**
 * A native <details> whose content is drawn only once opened: a page's closed tables and forms
 * would otherwise cost more to draw on its first visit than what it shows. Closed, the content is
 * neither visible nor focusable either way, so nothing is lost to assistive technologies.
 */
export function Disclosure({ summary, children, plain }: { summary: ReactNode; children: ReactNode; plain?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary style={plain ? undefined : summaryStyle}>{summary}</summary>
      {open && children}
    </details>
  );
}
