import type { TestApp } from '../app.js';
import { asAdmin, unique, type Caller, type Expect } from '../authz-matrix.js';

/** Orders, budgets, links and resources of the marchés module: role groups and records of A for the matrix. */

/** Who reads the sites' links (link.read), each within their schools. */
export const linkReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'establishment-staff', 'academy-staff', 'auditor'];
/** Who records and corrects links and the school's share (link.manage). */
export const linkManagers: readonly Caller[] = ['authority-admin'];

/** A link of one school of unit 1 (every reader reaches it) or of unit 2 (the technician, the school and the Académie de Lille do not). */
export const linkOfOneSchool: { unit1: Expect; unit2: Expect } = {
  unit1: { ...Object.fromEntries(linkReaders.map((c) => [c, 200])), recordOfA: true },
  unit2: { ...Object.fromEntries(linkReaders.map((c) => [c, 200])), technician: 404, 'establishment-staff': 404, 'academy-staff': 404, recordOfA: true },
};

let day = 0;
/** A day later than every one given before: each new link of a school opens a new period. */
export const laterDay = () => new Date(Date.UTC(2020, 0, 1 + ++day)).toISOString().slice(0, 10);

/** A fresh link period for a school of A. */
export async function linkOfA(t: TestApp, uai: string): Promise<{ id: string; version: number }> {
  const startDate = laterDay();
  return asAdmin(t, 'POST', '/api/site-links', {
    uai,
    operator: unique('Opérateur'),
    technology: 'fibre',
    symmetric: true,
    downMbps: 100,
    upMbps: 100,
    monthlyCostCents: 60_000,
    startDate,
  });
}
