import { fixtureText } from './fixtures.js';

export type WindowsRelease = '8.1' | '10' | '11';

/**
 * A real Windows inventory (xml/2.xml: FusionInventory on an HP EliteBook under Windows 8.1, NAME
 * "Windows", no VERSION, kernel 6.3.9600) as another machine of the fleet: serial, UUID, device id
 * and MACs made distinct by `n`, the tag set to `tag`. For 10 and 11 only the system's words
 * change, as those agents write them: Windows 11 keeps the full name "Windows 10" that its
 * registry still gives, only its build (22631) says 11.
 */
export function windowsInventory(release: WindowsRelease, n: number, tag: string): string {
  const hex = (n % 256).toString(16).padStart(2, '0').toUpperCase();
  let xml = fixtureText('glpi-inventory-format/xml/2.xml')
    .replace(/<SSN>CZC0479792<\/SSN>/, `<SSN>CZC0479${String(n).padStart(3, '0')}</SSN>`)
    .replace(/<UUID>33E737A8-F827-11DF-9297-47C0A3010[0-9A-F]{3}<\/UUID>/, `<UUID>33E737A8-F827-11DF-9297-47C0A3010${hex}A</UUID>`)
    .replace(/<DEVICEID>pc-arg-23\.cedre\.local-/, `<DEVICEID>pc-arg-${n}.cedre.local-`)
    .replace(/<NAME>pc-arg-23<\/NAME>/, `<NAME>pc-arg-${n}</NAME>`)
    .replace(/<MACADDR>[0-9A-F]{2}:/gi, `<MACADDR>${hex}:`)
    .replace(/<KEYVALUE>3923<\/KEYVALUE>/, `<KEYVALUE>${tag}</KEYVALUE>`);
  if (release === '8.1') return xml;
  const build = release === '11' ? '10.0.22631' : '10.0.19045';
  xml = xml
    .replace(/Microsoft Windows 8\.1 Professionnel/g, 'Microsoft Windows 10 Professionnel')
    .replace(/<KERNEL_VERSION>6\.3\.9600<\/KERNEL_VERSION>/, `<KERNEL_VERSION>${build}</KERNEL_VERSION>`)
    .replace(/<OSVERSION>6\.3\.9600<\/OSVERSION>/, `<OSVERSION>${build}</OSVERSION>`);
  return xml;
}
