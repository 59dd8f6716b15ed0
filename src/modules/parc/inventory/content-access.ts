/**
 * Reading agent data that nobody validated the shape of: XML gives strings everywhere, JSON gives
 * numbers and booleans, either may give a list where one element was expected or the reverse.
 * Only own properties are read, so a key named `constructor` or `__proto__` is just a key.
 */
export type Node = Record<string, unknown>;

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function field(node: unknown, key: string): unknown {
  return isNode(node) && Object.hasOwn(node, key) ? node[key] : undefined;
}

/** A text value, trimmed, without NUL characters; null when absent, blank or not text. */
export function str(node: unknown, key: string): string | null {
  return toText(field(node, key));
}

export function toText(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'number' && Number.isFinite(first)) return String(first);
  if (typeof first !== 'string') return null;
  const text = first.replace(/\0/g, '').trim();
  return text === '' ? null : text;
}

/** A whole non-negative number: 2300, "2300", "274877.906944" (rounded), "1600 MT/s". */
export function int(node: unknown, key: string): number | null {
  const value = field(node, key);
  const number = typeof value === 'number' ? value : Number.parseFloat(toText(value) ?? '');
  return Number.isFinite(number) && number >= 0 && number < Number.MAX_SAFE_INTEGER ? Math.round(number) : null;
}

/** A flag: true/false, 1/0, "1"/"0", "true"/"false", "yes"/"no". */
export function bool(node: unknown, key: string): boolean | null {
  const value = field(node, key);
  if (typeof value === 'boolean') return value;
  const text = toText(value)?.toLowerCase();
  if (text === '1' || text === 'true' || text === 'yes') return true;
  if (text === '0' || text === 'false' || text === 'no') return false;
  return null;
}

/** The elements of a section, whether the agent sent a list or a single element. */
export function list(node: unknown, key: string): Node[] {
  const value = field(node, key);
  if (Array.isArray(value)) return value.filter(isNode);
  return isNode(value) ? [value] : [];
}

/** A single-element section (hardware, bios…); the first one if the agent repeated it. */
export function child(node: unknown, key: string): Node | null {
  return list(node, key)[0] ?? null;
}

/** Text values of a list (`<IPS><IP>a</IP><IP>b</IP></IPS>`, `"ips": ["a", "b"]`). */
export function texts(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.map(toText).filter((text): text is string => text !== null);
}

/** Copy with lower-case keys at every level: XML inventories use the JSON format's names in capitals. */
export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (!isNode(value)) return value;
  const copy: Node = {};
  // for…in with hasOwn rather than Object.entries: no array of pairs per element (a 900-package
  // inventory has 15,000 elements, and this copy was its most expensive step after parsing)
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const name = key.toLowerCase();
    const lowered = lowerKeys(value[key]);
    const existing = Object.hasOwn(copy, name) ? copy[name] : undefined;
    // Two spellings of one key (rare) are kept together rather than one silently replacing the other.
    const merged = existing === undefined ? lowered : ([] as unknown[]).concat(existing, lowered);
    // `__proto__` (from <__PROTO__>) would set the prototype if assigned: defined as a plain key
    if (name === '__proto__') Object.defineProperty(copy, name, { value: merged, enumerable: true, writable: true, configurable: true });
    else copy[name] = merged;
  }
  return copy;
}
