/**
 * Values firmware writes when the manufacturer left a field empty. A placeholder serial or UUID is
 * shared by thousands of machines: matching on it would merge unrelated computers into one asset.
 * Lists gathered from real inventories (GLPI, OCS and FusionInventory bug trackers, dmidecode).
 */
const placeholderSerials = new Set(
  [
    'to be filled by o.e.m.',
    'to be filled by o.e.m',
    'to be filled by oem',
    'default string',
    'system serial number',
    'chassis serial number',
    'base board serial number',
    'serial number',
    'serialnumber',
    'system product name',
    'not specified',
    'not applicable',
    'not available',
    'not settable',
    'not present',
    'none',
    'null',
    '(null)',
    'n/a',
    'na',
    'unknown',
    'invalid',
    'empty',
    'default',
    'o.e.m.',
    'oem',
    'ssn',
    'xxxxxxxxxx',
    '123456789',
    '1234567890',
    '0123456789',
    '12345678',
    'sn12345678',
    'type1productconfigid',
  ],
);

const placeholderVendors = new Set([
  'to be filled by o.e.m.',
  'to be filled by o.e.m',
  'to be filled by oem',
  'default string',
  'system manufacturer',
  'system product name',
  'system version',
  'not specified',
  'not applicable',
  'not available',
  'unknown',
  'invalid',
  'none',
  'n/a',
  'o.e.m.',
  'oem',
]);

/** Known bogus SMBIOS UUIDs (besides all-zero and all-F ones), lower-case. */
const placeholderUuids = new Set([
  '03000200-0400-0500-0006-000700080009', // AMI firmware default, found on many white-box boards
  '00020003-0004-0005-0006-000700080009', // the same bytes read with the other byte order
  '12345678-1234-5678-90ab-cddeefaabbcc',
  '01234567-8910-1112-1314-151617181920',
]);

const squash = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();

/** Only one character repeated (0000000, FFFFFFFF, "........", "*"): never a real identifier. */
function isOneCharRepeated(value: string): boolean {
  const compact = value.replace(/[\s-]/g, '');
  return compact.length > 0 && [...compact].every((c) => c === compact[0]);
}

export function cleanSerial(raw: string | null): string | null {
  if (raw === null) return null;
  const value = raw.trim();
  if (value.length < 3 || isOneCharRepeated(value) || placeholderSerials.has(squash(value))) return null;
  return value;
}

export function cleanVendorText(raw: string | null): string | null {
  if (raw === null) return null;
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '' || isOneCharRepeated(value) || placeholderVendors.has(value.toLowerCase())) return null;
  return value;
}

/** Lower-case UUID without braces; null for placeholders and values that are not hexadecimal. */
export function cleanUuid(raw: string | null): string | null {
  if (raw === null) return null;
  const value = raw.trim().replace(/^\{|\}$/g, '').toLowerCase();
  if (!/^[0-9a-f-]{8,64}$/.test(value)) return null;
  if (isOneCharRepeated(value) || placeholderUuids.has(value)) return null;
  return value;
}
