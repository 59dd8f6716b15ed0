import { readFileSync } from 'node:fs';

/*
 * The official CPV 2008 list, read once on first use (server side only: the web's forms check the
 * code's form, the server that it exists). Its licence is beside it, in cpv/.
 */
let listed: ReadonlySet<string> | undefined;

function cpvList(): ReadonlySet<string> {
  listed ??= new Set(readFileSync(new URL('./cpv/cpv-2008-codes.txt', import.meta.url), 'utf8').split(/\r?\n/).filter(Boolean));
  return listed;
}

/**
 * A code of the CPV 2008 vocabulary, check digit included (`72400000-4`): the check digits are the
 * ones the EU published, some of which no algorithm reproduces, so only the list can tell.
 */
export function isListedCpv(code: string): boolean {
  return cpvList().has(code.trim());
}
