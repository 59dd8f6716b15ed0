import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

/**
 * Distinct inventories built from the real agent files of fixtures/inventory: FusionInventory's
 * Debian 12 XML (900 packages) for the OCS/FusionInventory protocol, GLPI's computer_1.json (with
 * the same 900 packages, so both protocols carry the same load) for GLPI Agent, and GLPI's partial
 * examples for partial updates. Each machine gets its own serial, hardware UUID, MACs, agent id,
 * host name and school tag, and its own variant of the software list (a few packages dropped,
 * some versions changed, a few applications of its own); each later day upgrades a few packages.
 */

const root = fileURLToPath(new URL('../../fixtures/inventory/', import.meta.url));
const read = (path: string) => readFileSync(root + path, 'utf8');

export interface Machine {
  index: number;
  serial: string;
  uuid: string;
  /** Wired and wireless interfaces: what the matching keys on after the serial and UUID. */
  macs: [string, string];
  deviceId: string;
  hostname: string;
  tag: string;
}

const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);

export function machine(index: number, tags: readonly string[], prefix = 'BENCH'): Machine {
  const mac = (oui: string) => `${oui}:${hex(index >> 16, 2)}:${hex(index >> 8, 2)}:${hex(index, 2)}`;
  return {
    index,
    serial: `${prefix}${String(index).padStart(7, '0')}`,
    uuid: `4c4c4544-${hex(index >> 16, 4)}-${hex(index, 4)}-8048-${hex(index * 2654435761, 8)}${hex(index, 4)}`,
    macs: [mac('00:1a:2b'), mac('00:1c:bf')],
    deviceId: `pc-${prefix.toLowerCase()}-${index}-2026-09-01-08-00-00`,
    hostname: `PC-${prefix}-${index}`,
    tag: tags[index % tags.length],
  };
}

interface Package {
  name: string;
  version: string;
  publisher: string;
  arch: string;
  /** The package's block as the agent wrote it (XML). */
  block: string;
}

const field = (block: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(block)?.[1] ?? '';

/** The day's software list of a machine: the template's packages, varied per machine and per day. */
function softwareOf<T>(packages: Package[], m: Machine, day: number, make: (p: Package, version: string | null) => T, extra: (name: string, version: string) => T): T[] {
  const out: T[] = [];
  packages.forEach((p, k) => {
    if ((k * 7 + m.index) % 40 === 0) return; // not installed on this machine
    let version: string | null = null;
    if ((k + m.index) % 25 === 0) version = `${p.version}+deb12u${m.index % 5}`; // another point release
    if (day > 0 && (k + day * 13 + m.index) % 450 === 0) version = `${version ?? p.version}.${day}`; // upgraded that day
    out.push(make(p, version));
  });
  for (let j = 0; j < 4; j++) out.push(extra(`edu-app-${(m.index * 4 + j) % 600}`, `1.${m.index % 10}`));
  return out;
}

export class InventoryCorpus {
  private readonly xmlHead: string;
  private readonly xmlTail: string;
  private readonly packages: Package[];
  private readonly jsonTemplate: Record<string, unknown>;
  private readonly partials: Record<string, unknown>[];

  private readonly prologTemplate = read('agents/fusioninventory-2.6-uncompressed-prolog.xml');

  constructor() {
    const xml = read('fusioninventory-debian12-vm.xml');
    const first = xml.indexOf('    <SOFTWARES>');
    const last = xml.lastIndexOf('</SOFTWARES>') + '</SOFTWARES>\n'.length;
    this.xmlHead = xml.slice(0, first);
    this.xmlTail = xml.slice(last);
    this.packages = [...xml.slice(first, last).matchAll(/ {4}<SOFTWARES>[\s\S]*?<\/SOFTWARES>\n/g)].map(([block]) => ({
      name: field(block, 'NAME'),
      version: field(block, 'VERSION'),
      publisher: field(block, 'PUBLISHER'),
      arch: field(block, 'ARCH'),
      block,
    }));
    this.jsonTemplate = JSON.parse(read('glpi-inventory-format/examples/computer_1.json'));
    this.partials = ['memory', 'cpu', 'volumes', 'batteries', 'softs'].map((p) => JSON.parse(read(`glpi-inventory-format/examples/computer_1_partial_${p}.json`)));
  }

  get packageCount() {
    return this.packages.length;
  }

  /** The PROLOG FusionInventory sends before each inventory (fixtures/inventory/agents, its device id). */
  prolog(m: Machine): string {
    return this.prologTemplate.replace(/<DEVICEID>[^<]*<\/DEVICEID>/, `<DEVICEID>${m.deviceId}</DEVICEID>`);
  }

  /** The CONTACT GLPI Agent sends before each inventory. */
  contact(m: Machine): string {
    return JSON.stringify({
      action: 'contact',
      deviceid: m.deviceId,
      name: 'GLPI-Agent',
      version: '1.7',
      tag: m.tag,
      'installed-tasks': ['collect', 'deploy', 'esx', 'inventory', 'netdiscovery', 'netinventory', 'remoteinventory', 'wakeonlan'],
      'enabled-tasks': ['inventory'],
    });
  }

  /** FusionInventory XML of one machine on a day (0: its first inventory). */
  xml(m: Machine, day: number): string {
    const software = softwareOf(
      this.packages,
      m,
      day,
      (p, version) => (version === null ? p.block : p.block.replace(`<VERSION>${p.version}</VERSION>`, `<VERSION>${version}</VERSION>`)),
      (name, version) => `    <SOFTWARES>\n      <ARCH>amd64</ARCH>\n      <NAME>${name}</NAME>\n      <PUBLISHER>Région</PUBLISHER>\n      <VERSION>${version}</VERSION>\n    </SOFTWARES>\n`,
    );
    const head = this.xmlHead
      .replace('<CONTENT>', `<CONTENT>\n    <ACCOUNTINFO>\n      <KEYNAME>TAG</KEYNAME>\n      <KEYVALUE>${m.tag}</KEYVALUE>\n    </ACCOUNTINFO>`)
      .replace('<LOGDATE>2026-11-24 06:15:54</LOGDATE>', `<LOGDATE>${logDate(day)}</LOGDATE>`)
      .replace('<SSN></SSN>', `<SMANUFACTURER>Dell Inc.</SMANUFACTURER>\n      <SMODEL>OptiPlex 7010</SMODEL>\n      <SSN>${m.serial}</SSN>`)
      .replace('<NAME>vm</NAME>', `<NAME>${m.hostname}</NAME>`)
      .replace('<VMSYSTEM>Docker</VMSYSTEM>', `<CHASSIS_TYPE>Desktop</CHASSIS_TYPE>\n      <UUID>${m.uuid}</UUID>\n      <VMSYSTEM>Physical</VMSYSTEM>`)
      .replaceAll('02:fc:00:00:00:01', m.macs[0]);
    return head + software.join('') + this.xmlTail.replace('<DEVICEID>vm-2026-11-24-06-15-54</DEVICEID>', `<DEVICEID>${m.deviceId}</DEVICEID>`);
  }

  /** GLPI Agent JSON of one machine on a day, with the same software list as its XML twin would have. */
  json(m: Machine, day: number): string {
    const doc = structuredClone(this.jsonTemplate) as { deviceid: string; tag: string; content: Record<string, unknown> };
    doc.deviceid = m.deviceId;
    doc.tag = m.tag;
    this.identify(doc.content, m);
    (doc.content.accesslog as Record<string, unknown>) = { logdate: logDate(day) };
    doc.content.softwares = softwareOf(
      this.packages,
      m,
      day,
      (p, version) => ({ name: p.name, version: version ?? p.version, publisher: p.publisher || undefined, arch: p.arch || undefined, from: 'deb' }),
      (name, version) => ({ name, version, publisher: 'Région', arch: 'amd64', from: 'deb' }),
    );
    return JSON.stringify(doc);
  }

  /** A GLPI Agent partial inventory (hardware, bios and one changed section), rotating over GLPI's examples. */
  partial(m: Machine, n: number): string {
    const example = this.partials[n % this.partials.length];
    const doc = structuredClone(example) as { deviceid: string; tag: string; content: Record<string, unknown> };
    doc.deviceid = m.deviceId;
    doc.tag = m.tag;
    this.identify(doc.content, m);
    (doc.content.hardware as Record<string, unknown>).memory = 7800 + (n % 3) * 100;
    if (doc.content.softwares) {
      // a partial softwares section is the whole list, as it is now
      doc.content.softwares = softwareOf(
        this.packages,
        m,
        100 + n,
        (p, version) => ({ name: p.name, version: version ?? p.version, publisher: p.publisher || undefined, from: 'deb' }),
        (name, version) => ({ name, version, publisher: 'Région', from: 'deb' }),
      );
    }
    return JSON.stringify(doc);
  }

  private identify(content: Record<string, unknown>, m: Machine) {
    const hardware = content.hardware as Record<string, unknown>;
    hardware.name = m.hostname;
    hardware.uuid = m.uuid;
    (content.bios as Record<string, unknown>).ssn = m.serial;
    const networks = content.networks as { mac?: string }[] | undefined;
    for (const n of networks ?? []) {
      if (n.mac === '00:e0:4c:68:01:db') n.mac = m.macs[0];
      if (n.mac === '44:85:00:2b:90:bc') n.mac = m.macs[1];
    }
  }
}

/** The agent's run date of a day, which the stored device keeps (hardware.agent.ranAt): proof an update landed. */
export function logDate(day: number): string {
  const at = new Date(Date.UTC(2026, 8, 1, 8, 0, 0) + day * 86_400_000);
  return at.toISOString().replace('T', ' ').slice(0, 19);
}

export function zlib(text: string): Buffer {
  return deflateSync(Buffer.from(text, 'utf8'));
}
