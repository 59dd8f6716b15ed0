import { describe, expect, it } from 'vitest';
import { type AssetClassClues, guessAssetClass } from './asset-class.js';

const clues = (overrides: Partial<AssetClassClues>): AssetClassClues => ({
  itemType: 'Computer',
  chassisType: null,
  vmSystem: 'Physical',
  manufacturer: null,
  model: null,
  osName: null,
  hasBatteries: false,
  ...overrides,
});

describe('guessAssetClass', () => {
  it('reads SMBIOS chassis types, by name or number', () => {
    expect(guessAssetClass(clues({ chassisType: 'Notebook' }))).toBe('laptop');
    expect(guessAssetClass(clues({ chassisType: 'Laptop' }))).toBe('laptop');
    expect(guessAssetClass(clues({ chassisType: 'Convertible' }))).toBe('laptop');
    expect(guessAssetClass(clues({ chassisType: 'Mini Tower' }))).toBe('desktop');
    expect(guessAssetClass(clues({ chassisType: 'All in One' }))).toBe('desktop');
    expect(guessAssetClass(clues({ chassisType: 'Rack Mount Chassis' }))).toBe('server');
    expect(guessAssetClass(clues({ chassisType: '10' }))).toBe('laptop');
    expect(guessAssetClass(clues({ chassisType: '3' }))).toBe('desktop');
    expect(guessAssetClass(clues({ chassisType: 'Tablet' }))).toBe('tablet');
    expect(guessAssetClass(clues({ chassisType: '30' }))).toBe('tablet');
  });

  it('recognises virtual machines before anything else', () => {
    expect(guessAssetClass(clues({ vmSystem: 'VMware', chassisType: 'Desktop' }))).toBe('virtual');
    expect(guessAssetClass(clues({ manufacturer: 'QEMU', model: 'Standard PC (Q35 + ICH9, 2009)' }))).toBe('virtual');
    expect(guessAssetClass(clues({ manufacturer: 'Microsoft Corporation', model: 'Virtual Machine' }))).toBe('virtual');
    expect(guessAssetClass(clues({ manufacturer: 'Microsoft Corporation', model: 'Surface Laptop 5', chassisType: 'Laptop' }))).toBe('laptop');
  });

  it('falls back on the model, the OS and the batteries', () => {
    expect(guessAssetClass(clues({ model: 'MacBookAir10,1' }))).toBe('laptop');
    expect(guessAssetClass(clues({ model: 'iMac15,1' }))).toBe('desktop');
    expect(guessAssetClass(clues({ osName: 'Microsoft Windows Server 2022 Standard' }))).toBe('server');
    expect(guessAssetClass(clues({ osName: 'Tiramisu Android 13.0' }))).toBe('tablet');
    expect(guessAssetClass(clues({ osName: 'Tiramisu Android 13.0', hasSimCards: true }))).toBe('phone');
    expect(guessAssetClass(clues({ osName: 'iOS', model: 'iPhone14,5' }))).toBe('phone');
    expect(guessAssetClass(clues({ osName: 'iPadOS', model: 'iPad13,18', hasSimCards: true }))).toBe('tablet');
    expect(guessAssetClass(clues({ hasBatteries: true }))).toBe('laptop');
    expect(guessAssetClass(clues({}))).toBe('unknown');
    expect(guessAssetClass(clues({ itemType: 'Printer' }))).toBe('printer');
  });
});

describe('guessAssetClass: Chromebooks and devices read over SNMP', () => {
  it('tells a Chromebook by its system or model, though its chassis is a Notebook', () => {
    expect(guessAssetClass(clues({ chassisType: 'Notebook', osName: 'ChromeOS 120.0.6099' }))).toBe('chromebook');
    expect(guessAssetClass(clues({ chassisType: 'Notebook', model: 'Chromebook 14 G7' }))).toBe('chromebook');
  });

  it('reads the GLPI network type, then the model and sysDescr', () => {
    const snmp = (networkType: string, model: string | null, description: string | null = null) =>
      guessAssetClass(clues({ itemType: 'NetworkEquipment', vmSystem: null, networkType, model, description }));
    expect(snmp('Networking', 'FortiGate 60F')).toBe('firewall');
    expect(snmp('Networking', null, 'Stormshield SN310')).toBe('firewall');
    expect(snmp('Networking', 'AIR-AP2802I-E-K9')).toBe('wifi-access-point');
    expect(snmp('Networking', 'UniFi UAP-AC-Pro')).toBe('wifi-access-point');
    expect(snmp('Networking', 'ISR4331/K9')).toBe('router');
    expect(snmp('Networking', 'Catalyst 2960X-48FPD-L')).toBe('switch');
    expect(snmp('Printer', 'Brother HL-5350DN series')).toBe('printer');
    expect(snmp('Video', 'EB-695Wi')).toBe('projector');
    expect(snmp('Phone', 'Cisco IP Phone 8845')).toBe('phone');
    expect(snmp('Storage', 'DS1821+')).toBe('server');
    // a network discovery of a computer is not network equipment
    expect(guessAssetClass(clues({ itemType: 'Unmanaged', networkType: 'Computer', chassisType: 'Desktop' }))).toBe('desktop');
  });
});
