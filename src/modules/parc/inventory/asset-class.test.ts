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
    expect(guessAssetClass(clues({ chassisType: 'Tablet' }))).toBe('mobile');
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
    expect(guessAssetClass(clues({ osName: 'Tiramisu Android 13.0' }))).toBe('mobile');
    expect(guessAssetClass(clues({ hasBatteries: true }))).toBe('laptop');
    expect(guessAssetClass(clues({}))).toBe('unknown');
    expect(guessAssetClass(clues({ itemType: 'Printer' }))).toBe('printer');
  });
});
