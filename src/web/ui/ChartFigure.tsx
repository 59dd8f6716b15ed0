import { Box, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Disclosure } from './Disclosure';
import { formatNumber } from '../labels';
import { Section } from './Section';
import { SimpleTable } from './SimpleTable';

/** Dark tones (shade 8-9): every series keeps a 3:1 contrast with the white background (WCAG 1.4.11). */
export const chartColors = ['coherence.8', 'teal.8', 'orange.8', 'grape.8', 'red.8', 'cyan.9', 'lime.9', 'pink.8', 'yellow.9', 'indigo.9', 'gray.7', 'violet.8', 'green.9', 'blue.9', 'dark.5'];

export interface DataTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
  /** Columns (by index) right-aligned and formatted as numbers. */
  numeric?: number[];
}

/**
 * A chart with its text alternative (RGAA 1.3, WCAG 1.1.1): a short summary read in place of the
 * image, and the data as a table that anyone can open.
 */
export function ChartFigure(props: { title: string; id: string; summary: string; table: DataTable; children: ReactNode; legend?: ReactNode; note?: ReactNode; actions?: ReactNode }) {
  return (
    <Section title={props.title} id={props.id} actions={props.actions}>
      <Stack gap="sm">
        <DrawnWhenNear summary={props.summary}>{props.children}</DrawnWhenNear>
        {props.legend}
        {props.note && (
          <Text size="xs" c="dimmed">
            {props.note}
          </Text>
        )}
        <Disclosure summary="Voir les données en tableau">
          <FigureTable table={props.table} />
        </Disclosure>
      </Stack>
    </Section>
  );
}

/**
 * The chart itself is drawn once it comes near the screen: a dashboard's charts below the fold
 * would otherwise cost most of its first visit (each one a few tens of milliseconds of drawing).
 * Its summary is there from the start, so assistive technologies read the same thing either way.
 */
function DrawnWhenNear({ summary, children }: { summary: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '200px 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return (
    <Box ref={ref} role="img" aria-label={summary} mih={near ? undefined : 160}>
      {near && children}
    </Box>
  );
}

/** The chart's data, for whoever cannot see it: the first column heads each row, the others are figures unless told otherwise. */
function FigureTable({ table }: { table: DataTable }) {
  const numeric = new Set(table.numeric ?? table.columns.map((_, i) => i).slice(1));
  return (
    <SimpleTable caption={table.caption} scrollLabel={table.caption} columns={table.columns.map((label, i) => ({ label, numeric: numeric.has(i) }))} rows={table.rows} />
  );
}

/** The legend of a donut, with the figures: readable without the chart. */
export function DonutLegend({ items }: { items: { name: string; value: number; color: string }[] }) {
  const total = items.reduce((s, i) => s + i.value, 0);
  return (
    <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <Group component="li" key={item.name} gap="xs" wrap="nowrap">
          <Box
            aria-hidden
            w={14}
            h={14}
            style={{ borderRadius: 3, flexShrink: 0, background: `var(--mantine-color-${item.color.replace('.', '-')})` }}
          />
          <Text size="sm" style={{ flex: 1 }}>
            {item.name}
          </Text>
          <Text size="sm" fw={600}>
            {formatNumber(item.value)}
          </Text>
          <Text size="sm" c="dimmed" w={56} ta="right">
            {total ? `${Math.round((item.value / total) * 100)} %` : '—'}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** Recharts draws each slice as a path with role="img": each gets its name and figure as its alternative. */
export const withSliceLabels = (items: { name: string; value: number; color: string }[]) =>
  items.map((i) => ({ ...i, 'aria-label': `${i.name} : ${formatNumber(i.value)}` }));
