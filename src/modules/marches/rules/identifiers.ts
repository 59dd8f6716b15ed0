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

/**
 * A CPV code as the EU vocabulary writes it: eight digits, a dash and the ninth (control) digit,
 * the division (first two digits) never 00. The control digit is not recomputed: the 2008 revision
 * of the CPV (Regulation 213/2008, the one in force) published digits that do not follow its own
 * algorithm (the Publications Office says so: OP-TED/ePO discussion 589; 03300000-2, 72400000-4),
 * so a computed check would refuse real codes. Checking it needs the official list of codes.
 */
export function isValidCpv(value: string): boolean {
  return /^(?!00)[0-9]{8}-[0-9]$/.test(value);
}
