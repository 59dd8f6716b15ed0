/**
 * The family aid's arithmetic (Lycée 4.0 individual equipment), pure and in euro cents: the
 * Région pays half the device up to a cap for households under an income ceiling, a social fund
 * may add to it, and the family pays the rest (plus the optional insurance) at once or monthly.
 */
import { DateTime } from 'luxon';

/** The ceiling is exclusive: a reference tax income of exactly 72,000 EUR gets no aid. */
export const incomeCeilingCents = 7_200_000;
export const aidCapCents = 22_500;
export const insuranceCents = 5_600;
export const maxInstalments = 36;

export interface AidInput {
  priceCents: number;
  householdIncomeCents: number;
  /** Added by an instructor for a family in difficulty; never more than what is left to pay. */
  socialFundCents?: number;
  insurance: boolean;
}

export interface AidResult {
  priceCents: number;
  aidCents: number;
  socialFundCents: number;
  /** The price less the aid and the social fund: what the family owes for the device. */
  familyCents: number;
  insuranceCents: number;
}

export class AidRuleError extends Error {
  constructor(
    readonly code: 'INVALID_PRICE' | 'INVALID_INCOME' | 'INVALID_SOCIAL_FUND' | 'INVALID_INSTALMENTS',
    message: string,
  ) {
    super(message);
  }
}

/** Half of the price (the family keeps the odd cent), capped, below the ceiling only. */
export function baseAidCents(priceCents: number, householdIncomeCents: number): number {
  if (!Number.isSafeInteger(priceCents) || priceCents <= 0) throw new AidRuleError('INVALID_PRICE', "Le prix de l'équipement doit être un montant positif en centimes.");
  if (!Number.isSafeInteger(householdIncomeCents) || householdIncomeCents < 0) {
    throw new AidRuleError('INVALID_INCOME', 'Le revenu fiscal de référence doit être un montant positif ou nul en centimes.');
  }
  if (householdIncomeCents >= incomeCeilingCents) return 0;
  return Math.min(Math.floor(priceCents / 2), aidCapCents);
}

export function computeAid(input: AidInput): AidResult {
  const aidCents = baseAidCents(input.priceCents, input.householdIncomeCents);
  const socialFundCents = input.socialFundCents ?? 0;
  const leftCents = input.priceCents - aidCents;
  if (!Number.isSafeInteger(socialFundCents) || socialFundCents < 0 || socialFundCents > leftCents) {
    throw new AidRuleError('INVALID_SOCIAL_FUND', `Le fonds social doit être compris entre 0 et ${leftCents} centimes (le reste à payer).`);
  }
  return {
    priceCents: input.priceCents,
    aidCents,
    socialFundCents,
    familyCents: leftCents - socialFundCents,
    insuranceCents: input.insurance ? insuranceCents : 0,
  };
}

/**
 * Splits a total into n instalments that differ by at most one cent and add up to the total:
 * the first ones carry the extra cents so the family never pays more later than earlier.
 */
export function splitInstalments(totalCents: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 1 || count > maxInstalments) {
    throw new AidRuleError('INVALID_INSTALMENTS', `Le nombre d'échéances doit être compris entre 1 et ${maxInstalments}.`);
  }
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) throw new AidRuleError('INVALID_PRICE', 'Le montant à échelonner doit être positif ou nul.');
  const base = Math.floor(totalCents / count);
  const extra = totalCents - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}

export interface Instalment {
  /** ISO date (YYYY-MM-DD), Paris calendar. */
  dueDate: string;
  amountCents: number;
}

/**
 * Monthly due dates from the first one, each counted from the first (not from the previous one)
 * so that a 31st stays the last day of short months without drifting to the 28th afterwards.
 */
export function monthlyDueDates(firstDueDate: string, count: number): string[] {
  const first = DateTime.fromISO(firstDueDate, { zone: 'Europe/Paris' });
  if (!first.isValid) throw new AidRuleError('INVALID_INSTALMENTS', "La date de la première échéance n'est pas valide.");
  return Array.from({ length: count }, (_, i) => first.plus({ months: i }).toISODate()!);
}

/** The first instalment falls on the same day of the next month in Paris (luxon clamps the 31st). */
export function firstDueDateAfter(now: Date): string {
  return DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).startOf('day').plus({ months: 1 }).toISODate()!;
}

export function paymentSchedule(totalCents: number, count: number, firstDueDate: string): Instalment[] {
  const amounts = splitInstalments(totalCents, count);
  const dates = monthlyDueDates(firstDueDate, count);
  return amounts.map((amountCents, i) => ({ dueDate: dates[i]!, amountCents }));
}

export interface Simulation extends AidResult {
  schedule: Instalment[];
}

/** The whole simulation a family sees before applying: aid, what is left, and the schedule. */
export function simulateAid(input: AidInput & { instalments: number; now: Date }): Simulation {
  const result = computeAid(input);
  const schedule = paymentSchedule(result.familyCents + result.insuranceCents, input.instalments, firstDueDateAfter(input.now));
  return { ...result, schedule };
}
