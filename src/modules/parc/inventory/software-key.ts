/**
 * A fleet-wide key for a software name, so that "which schools still run 7-Zip?" finds
 * "7-Zip 22.01 (x64)", "7-Zip 19.00" and "7-zip" alike. The key drops what varies between
 * machines without changing the product: architecture, bitness, the version and locale written
 * in the name, trademark signs, case and spacing. The display name keeps the agent's spelling.
 */
export interface SoftwareKey {
  key: string;
  displayName: string;
  version: string | null;
  publisher: string | null;
}

const arch = String.raw`(x64|x86|x86_64|amd64|arm64|aarch64|i[3-6]86|64[- ]?bits?|32[- ]?bits?)`;
const locale = String.raw`([a-z]{2}(-[a-z]{2,4})?)`;
const versionLike = String.raw`v?\d+(\.\d+)+([-+. ]?[a-z0-9]+)*`;

/** Trailing noise, removed one piece at a time until none is left. */
const trailingNoise = [
  // " (x64)", " (64-bit)", " (64 bits)", " (x64 fr)", " (x86 en-US)", " [x64]"
  new RegExp(String.raw`\s*[([]\s*${arch}(\s+${locale})?\s*[)\]]$`, 'i'),
  // " (fr)", " (en-US)": a locale alone
  new RegExp(String.raw`\s*\(\s*${locale}\s*\)$`, 'i'),
  // " x64", " - 64-bit", " amd64"
  new RegExp(String.raw`\s*[-–]?\s+${arch}$`, 'i'),
  // " - 14.29.30133", " 22.01", " v1.2.3"
  new RegExp(String.raw`\s*[-–]?\s+${versionLike}$`, 'i'),
];

export interface SoftwareNaming {
  name: string;
  version?: string | null;
  publisher?: string | null;
}

export function softwareKey({ name, version, publisher }: SoftwareNaming): SoftwareKey {
  const displayName = tidy(name);
  const cleanVersion = version ? tidy(version) || null : null;
  let base = displayName.replace(/[™®©]/g, '');
  if (cleanVersion) base = stripSuffix(base, cleanVersion);
  for (let changed = true; changed; ) {
    changed = false;
    for (const pattern of trailingNoise) {
      const stripped = base.replace(pattern, '');
      if (stripped !== base && stripped.trim() !== '') {
        base = stripped;
        changed = true;
      }
    }
    if (cleanVersion) {
      const stripped = stripSuffix(base, cleanVersion);
      if (stripped !== base) {
        base = stripped;
        changed = true;
      }
    }
  }
  return {
    key: tidy(base).normalize('NFKC').toLowerCase(),
    displayName,
    version: cleanVersion,
    publisher: publisher ? tidy(publisher) || null : null,
  };
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "7-Zip 22.01" with version "22.01" → "7-Zip"; the version alone is never stripped to nothing. */
function stripSuffix(name: string, version: string): string {
  const lower = name.toLowerCase();
  const suffix = version.toLowerCase();
  if (!lower.endsWith(suffix) || lower.length === suffix.length) return name;
  const before = name.slice(0, name.length - version.length);
  if (!/[\s\-–v]$/i.test(before)) return name;
  const stripped = before.replace(/[\s\-–]*v?$/i, '').trimEnd();
  return stripped === '' ? name : stripped;
}
