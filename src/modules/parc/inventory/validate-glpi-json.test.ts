import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureBytes, fixtureText, glpiExamples, refusal } from './testing/fixtures.js';
import { schemaUrl, validateGlpiInventory } from './validate-glpi-json.js';

const example = (name: string) => JSON.parse(fixtureText(`glpi-inventory-format/examples/${name}`)) as Record<string, any>;

describe('validateGlpiInventory', () => {
  it('uses the official schema, identical to the fixtures copy', () => {
    expect(readFileSync(schemaUrl).equals(fixtureBytes('glpi-inventory-format/inventory.schema.json'))).toBe(true);
  });

  it('accepts the 20 official examples', () => {
    expect(glpiExamples).toHaveLength(20);
    for (const path of glpiExamples) {
      expect(() => validateGlpiInventory(JSON.parse(fixtureText(path))), path).not.toThrow();
    }
  });

  it('refuses with 422 and says where, in French', () => {
    const wrongType = example('computer_1.json');
    wrongType.content.hardware.memory = '8 Go';
    const error = refusal(() => validateGlpiInventory(wrongType));
    expect(error).toMatchObject({ code: 'UNPROCESSABLE', status: 422 });
    expect(error.issues).toEqual([{ path: '/content/hardware/memory', message: 'doit être de type nombre entier' }]);
    expect(error.message).toContain('/content/hardware/memory doit être de type nombre entier');

    const missing = example('computer_2.json');
    delete missing.content.versionclient;
    expect(refusal(() => validateGlpiInventory(missing)).issues?.[0]).toEqual({ path: '/content', message: 'doit contenir la propriété « versionclient »' });

    // unknown properties are refused at the top level only (sections may carry newer fields)
    const unknown = example('computer_2.json');
    unknown.pupil = 'x';
    expect(refusal(() => validateGlpiInventory(unknown)).issues?.[0]).toEqual({ path: '/', message: 'contient une propriété inconnue « pupil »' });
    const badPattern = example('computer_1.json');
    badPattern.itemtype = 'Toaster';
    expect(refusal(() => validateGlpiInventory(badPattern)).issues?.[0].path).toBe('/itemtype');
  });

  it('accepts markup and SQL as what they are: strings', () => {
    const hostile = example('computer_2.json');
    hostile.deviceid = '<img src=x onerror=alert(1)>';
    hostile.tag = "'; DELETE FROM parc.assets; --";
    expect(validateGlpiInventory(hostile).tag).toBe("'; DELETE FROM parc.assets; --");
  });
});
