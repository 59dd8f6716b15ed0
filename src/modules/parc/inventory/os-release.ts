import type { InventoryReport } from './inventory-report.js';

/** A system as the fleet counts it: the product ("Windows", "Debian", "macOS") and its release ("11", "12", "14"). */
export interface OsRelease {
  product: string;
  release: string | null;
}

type ReportedOs = NonNullable<InventoryReport['os']>;

/**
 * The product and release behind what an agent reports, so that « which schools still run
 * Windows 10 » is one equality. Agents do not say it plainly: a Windows agent sends NAME
 * "Windows", FULL_NAME "Microsoft Windows 8.1 Professionnel" and the kernel 6.3.9600, no VERSION;
 * Windows 11 reports kernel 10.0.22xxx, and its registry product name still reads "Windows 10"
 * on some agents, so the build decides (11 from build 22000); a Linux agent's OSVERSION is the
 * kernel; GLPI Agent on Android puts the API level in VERSION. The agent's full name stays in the
 * device's hardware document. Null when the report names no system.
 */
export function osRelease(os: ReportedOs | null): OsRelease | null {
  if (!os) return null;
  const text = `${os.fullName ?? ''} ${os.name ?? ''}`;
  if (/windows/i.test(text)) return windows(text, os);
  if (/mac ?os|\bos ?x\b|darwin/i.test(text)) return { product: 'macOS', release: macRelease(os) };
  if (/chrome ?os|chromium ?os/i.test(text)) return { product: 'ChromeOS', release: firstNumber(os.version, 0) };
  const mobile = /\b(android|ipados|ios)\b/i.exec(text);
  if (mobile) {
    const product = mobile[1].toLowerCase() === 'android' ? 'Android' : mobile[1].toLowerCase() === 'ios' ? 'iOS' : 'iPadOS';
    // "Q Android 10.0 api 29": the number after the name; VERSION is the API level (29)
    const named = new RegExp(`${mobile[1]}\\s+(\\d+)`, 'i').exec(text)?.[1] ?? null;
    return { product, release: named ?? firstNumber(os.version, 0) };
  }
  return linux(os);
}

const windowsByKernel: Record<string, string> = { '6.3': '8.1', '6.2': '8', '6.1': '7', '6.0': 'Vista', '5.2': 'XP', '5.1': 'XP' };

function windows(text: string, os: ReportedOs): OsRelease {
  const server = /server\s+(\d{4}(?:\s+R2)?)/i.exec(text);
  if (/server/i.test(text)) return { product: 'Windows Server', release: server ? server[1].replace(/\s+/, ' ').toUpperCase() : null };
  const build = /^(\d+)\.(\d+)\.(\d+)/.exec(os.kernel ?? '') ?? /^(\d+)\.(\d+)\.(\d+)/.exec(os.version ?? '');
  if (build) {
    const kernel = `${build[1]}.${build[2]}`;
    if (kernel === '10.0') return { product: 'Windows', release: Number(build[3]) >= 22000 ? '11' : '10' };
    if (windowsByKernel[kernel]) return { product: 'Windows', release: windowsByKernel[kernel] };
  }
  const named = /windows\s+(11|10|8\.1|8|7|vista|xp)\b/i.exec(text)?.[1].toLowerCase() ?? null;
  return { product: 'Windows', release: named === 'vista' ? 'Vista' : named === 'xp' ? 'XP' : named };
}

/** "10.13.5 (17F77)" → "10.13"; "14.4.1" → "14"; else from the Darwin kernel (17 → 10.13, 23 → 14). */
function macRelease(os: ReportedOs): string | null {
  const version = /^(\d+)\.(\d+)/.exec(os.version ?? '');
  if (version) return Number(version[1]) >= 11 ? version[1] : `${version[1]}.${version[2]}`;
  const darwin = Number(/^(\d+)\./.exec(os.kernel ?? '')?.[1]);
  if (darwin >= 20) return String(darwin - 9);
  if (darwin >= 5) return `10.${darwin - 4}`;
  return null;
}

/** Distributions numbered by their major release alone (Debian 12.11 is Debian 12). */
const majorOnly = /^(debian|fedora|centos|red hat|rhel|rocky|alma|oracle|raspbian|mageia|opensuse leap)/i;

/**
 * "Debian GNU/Linux 12 (bookworm)" → Debian 12; "Ubuntu 22.04.3 LTS" → Ubuntu 22.04. The number
 * in the full name wins over VERSION, which the OCS Unix agent fills with the kernel.
 */
function linux(os: ReportedOs): OsRelease | null {
  const full = os.fullName ?? os.name;
  const name = os.name && !/\d/.test(os.name) ? os.name : (full?.split(/\s+(?:release\s+)?\d/i)[0] ?? null);
  if (!name) return null;
  const product = name.replace(/\s+GNU\/Linux$/i, '').replace(/^(\S+)\s+Linux$/i, '$1').trim() || name;
  const number = /\s(\d+(?:\.\d+)*)/.exec(full ?? '')?.[1] ?? (os.version && !/-/.test(os.version) ? firstNumber(os.version, 2) : null);
  if (!number) return { product, release: null };
  const parts = number.split('.');
  return { product, release: majorOnly.test(product) ? parts[0] : parts.slice(0, 2).join('.') };
}

/** The leading "12" or "12.4" of a version string, with at most `decimals` parts after the first. */
function firstNumber(value: string | null, decimals: number): string | null {
  const m = /^(\d+(?:\.\d+)*)/.exec(value?.trim() ?? '');
  return m ? m[1].split('.').slice(0, decimals + 1).join('.') : null;
}
