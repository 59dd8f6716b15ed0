/** The SIREN of La Poste: its establishments' SIRETs do not follow Luhn, their digits sum to a multiple of 5. */
const laPosteSiren = '356000000';

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A SIRET: 14 digits, Luhn key, except La Poste's establishments (digit sum multiple of 5). */
export function isValidSiret(value: string): boolean {
  if (!/^[0-9]{14}$/.test(value)) return false;
  if (value.startsWith(laPosteSiren) && value !== '35600000000048') {
    return [...value].reduce((s, c) => s + Number(c), 0) % 5 === 0;
  }
  return luhnValid(value);
}

const cpvWeights = [3, 7, 1, 3, 7, 1, 3, 7];

/** The control digit of a CPV code's eight digits (weights 3, 7, 1 repeated, modulo 10). */
export function cpvCheckDigit(eightDigits: string): number {
  return [...eightDigits].reduce((s, c, i) => s + Number(c) * cpvWeights[i], 0) % 10;
}

/** A CPV code as the EU vocabulary writes it: NNNNNNNN-N with its control digit. */
export function isValidCpv(value: string): boolean {
  const match = /^([0-9]{8})-([0-9])$/.exec(value);
  return match !== null && cpvCheckDigit(match[1]) === Number(match[2]);
}
