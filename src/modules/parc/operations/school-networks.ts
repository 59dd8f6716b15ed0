import { isIPv4, isIPv6 } from 'node:net';

/**
 * A school network an authority declares, as PostgreSQL's `cidr` accepts it (the agent endpoint
 * casts every entry: one malformed value would break attribution for everyone). A bare address
 * is one host (/32, /128). Blocks wider than /8 (IPv4) or /32 (IPv6) are refused: they would
 * claim the agents of other authorities.
 */
export type NetworkCheck = { ok: true; cidr: string } | { ok: false; message: string };

const minPrefix = { 4: 8, 6: 32 } as const;

export function parseNetwork(raw: string): NetworkCheck {
  const text = raw.trim();
  const [address, prefixText, extra] = text.split('/');
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : null;
  if (family === null || extra !== undefined) {
    return { ok: false, message: `« ${text.slice(0, 60)} » n’est pas un réseau IP (exemples : 192.0.2.0/24, 2001:db8::/48).` };
  }
  const width = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return { ok: false, message: `« ${text} » : longueur de préfixe invalide.` };
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (prefix > width) return { ok: false, message: `« ${text} » : le préfixe dépasse /${width}.` };
  if (prefix < minPrefix[family]) {
    return { ok: false, message: `« ${text} » est trop large (au plus /${minPrefix[family]}) : déclarez les réseaux des établissements, pas un bloc entier.` };
  }
  const value = family === 4 ? ipv4Value(address) : ipv6Value(address);
  const hostBits = BigInt(width - prefix);
  const network = (value >> hostBits) << hostBits;
  const shown = family === 4 ? ipv4Text(network) : ipv6Text(network);
  if (network !== value) {
    return { ok: false, message: `« ${text} » n’est pas l’adresse d’un réseau : vouliez-vous ${shown}/${prefix} ?` };
  }
  return { ok: true, cidr: `${shown}/${prefix}` };
}

function ipv4Value(address: string): bigint {
  return address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv4Text(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

function ipv6Value(address: string): bigint {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4Value(dotted[1]);
    text = text.slice(0, -dotted[1].length) + `${((v4 >> 16n) & 0xffffn).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Canonical (RFC 5952) text: lower case, longest run of zero groups as "::". */
function ipv6Text(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn));
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/**
 * An IPv4-mapped IPv6 address (::ffff:192.0.2.10, what Node reports for an IPv4 client on a
 * dual-stack socket) as the IPv4 address it is; any other text unchanged. PostgreSQL's
 * `'::ffff:192.0.2.10'::inet <<= '192.0.2.0/24'::cidr` is false (another family): the agent
 * endpoint stores and compares the plain form.
 */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped && isIPv4(mapped[1]) ? mapped[1] : address;
}

/** Whether an address (IPv4, IPv6, or IPv4-mapped IPv6 as Node reports it) lies in one of the blocks. */
export function addressInNetworks(address: string, networks: string[]): boolean {
  const ip = plainAddress(address);
  const family = isIPv4(ip) ? 4 : isIPv6(ip) ? 6 : null;
  if (family === null) return false;
  const value = family === 4 ? ipv4Value(ip) : ipv6Value(ip);
  return networks.some((cidr) => {
    const [network, prefixText] = cidr.split('/');
    const netFamily = isIPv4(network) ? 4 : isIPv6(network) ? 6 : null;
    if (netFamily !== family) return false;
    const shift = BigInt((family === 4 ? 32 : 128) - Number(prefixText));
    const base = family === 4 ? ipv4Value(network) : ipv6Value(network);
    return value >> shift === base >> shift;
  });
}
