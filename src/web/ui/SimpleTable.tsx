import { Table } from '@mantine/core';
import type { Key, ReactNode } from 'react';
import { formatNumber } from '../labels';
import { ScrollRegion } from './ScrollRegion';

/** A column: its header, and whether it holds figures (right-aligned; numbers written the French way). */
export type SimpleColumn = string | { label: string; numeric?: boolean };

/** A row's cells (the first one heads the row), with a key when the list can change order. */
export type SimpleRow = ReactNode[] | { key: Key; cells: ReactNode[] };

export interface SimpleTableProps {
  caption: ReactNode;
  columns: SimpleColumn[];
  rows: SimpleRow[];
  /** What the body says when there is no row (one cell across the table). */
  empty?: ReactNode;
  /** Set for a table that may be wider than a tablet: a named, focusable region scrolls it. */
  scrollLabel?: string;
}

const labelOf = (c: SimpleColumn) => (typeof c === 'string' ? c : c.label);
const isNumeric = (c: SimpleColumn) => typeof c !== 'string' && c.numeric === true;

/**
 * The plain data table of the application's pages: a caption above it, column headers
 * (`th scope="col"`), each row headed by its first cell (`th scope="row"`), figures right-aligned.
 * Anything richer (sorting, pagination, selection) is a list page, not this.
 */
export function SimpleTable({ caption, columns, rows, empty, scrollLabel }: SimpleTableProps) {
  const align = (i: number) => (isNumeric(columns[i]) ? ({ textAlign: 'right' } as const) : undefined);
  const table = (
    <Table captionSide="top" verticalSpacing={4} striped>
      <Table.Caption style={{ textAlign: 'left' }}>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {columns.map((c, i) => (
            <Table.Th key={i} scope="col" style={align(i)}>
              {labelOf(c)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.length === 0 && empty !== undefined && (
          <Table.Tr>
            <Table.Td colSpan={columns.length}>{empty}</Table.Td>
          </Table.Tr>
        )}
        {rows.map((row, r) => {
          const { key, cells } = Array.isArray(row) ? { key: r, cells: row } : row;
          return (
            <Table.Tr key={key}>
              {cells.map((cell, i) => {
                const shown = typeof cell === 'number' ? formatNumber(cell) : cell;
                return i === 0 ? (
                  <Table.Th key={i} scope="row" fw={500} style={align(i)}>
                    {shown}
                  </Table.Th>
                ) : (
                  <Table.Td key={i} style={align(i)}>
                    {shown}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
  return scrollLabel ? <ScrollRegion label={scrollLabel}>{table}</ScrollRegion> : table;
}
