import { describe, expect, it } from 'vitest';
import { isIdentityMac, isVirtualInterface, normalizeMac } from './mac-address.js';

describe('MAC addresses', () => {
  it('normalises the spellings agents use, and drops what is not a MAC', () => {
    expect(normalizeMac('68:B5:99:E6:84:EB')).toBe('68:b5:99:e6:84:eb');
    expect(normalizeMac('68-B5-99-E6-84-EB')).toBe('68:b5:99:e6:84:eb');
    expect(normalizeMac('68b5.99e6.84eb')).toBe('68:b5:99:e6:84:eb');
    expect(normalizeMac('68b599e684eb')).toBe('68:b5:99:e6:84:eb');
    expect(normalizeMac('0:1b:a9:2:11:f2')).toBe('00:1b:a9:02:11:f2');
    for (const bad of ['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', 'd5:c9:gh:81:cf:80', 'b53d:dc:44:af:e9', '', 'unknown ssid']) {
      expect(normalizeMac(bad), bad).toBeNull();
    }
  });

  it('tells virtual interfaces by name, description and type', () => {
    const virtual = (description: string, type: string | null = null, flag: boolean | null = null, trust = true) =>
      isVirtualInterface({ description, type, agentVirtualFlag: flag }, trust);
    for (const name of ['lo', 'docker0', 'veth3f2a1b', 'virbr0', 'virbr0-nic', 'vmnet8', 'br-4f1a2b3c', 'tun0', 'wg0', 'awdl0', 'utun2']) {
      expect(virtual(name), name).toBe(true);
    }
    for (const description of ['Hyper-V Virtual Ethernet Adapter', 'VirtualBox Host-Only Ethernet Adapter', 'TAP-Windows Adapter V9', 'Carte virtuelle de réseau hébergé Microsoft', 'WAN Miniport (IP)']) {
      expect(virtual(description), description).toBe(true);
    }
    for (const physical of ['eth0', 'enp0s25', 'wlp58s0', 'en0', 'Intel(R) Ethernet Connection I219-LM', 'Realtek PCIe GbE Family Controller', 'Logitech USB Headset', 'local']) {
      expect(virtual(physical), physical).toBe(false);
    }
    expect(virtual('eth0', 'loopback')).toBe(true);
    expect(virtual('en0', null, true, true)).toBe(true);
    expect(virtual('en0', null, true, false)).toBe(false);
  });

  it('keeps only burned-in unicast addresses as identities', () => {
    expect(isIdentityMac('b8:6b:23:e0:5c:91')).toBe(true);
    expect(isIdentityMac('02:fc:00:00:00:01')).toBe(false); // locally administered
    expect(isIdentityMac('ae:ed:e7:56:9d:a0')).toBe(false); // random Wi-Fi address
    expect(isIdentityMac('01:00:5e:00:00:fb')).toBe(false); // multicast
    expect(isIdentityMac('0a:00:27:00:00:00')).toBe(false); // VirtualBox host-only, on every host
    expect(isIdentityMac('00:50:56:c0:00:08')).toBe(false); // VMware VMnet8, on every host
  });
});
