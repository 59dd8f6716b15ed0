/** UAI: 7 characters (digits, or a 2A/2B Corsican département) and a check letter. */
const checkLetters = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function uaiCheckLetter(firstSeven: string): string | null {
  if (!/^[0-9]{7}$/.test(firstSeven)) return null;
  return checkLetters[Number(firstSeven) % 23];
}

export type UaiCheck = { ok: true; uai: string } | { ok: false; message: string };

/** Normalises (trim, upper case) and checks a UAI, saying which letter was expected when it is wrong. */
export function checkUai(raw: string): UaiCheck {
  const uai = raw.trim().toUpperCase();
  if (!/^[0-9]{7}[A-Z]$/.test(uai)) {
    return { ok: false, message: `UAI « ${raw.trim().slice(0, 20)} » invalide : il faut 7 chiffres suivis d'une lettre.` };
  }
  const expected = uaiCheckLetter(uai.slice(0, 7))!;
  if (uai[7] !== expected) {
    return {
      ok: false,
      message: `UAI « ${uai} » invalide : la lettre de contrôle attendue est « ${expected} », pas « ${uai[7]} ».`,
    };
  }
  return { ok: true, uai };
}
