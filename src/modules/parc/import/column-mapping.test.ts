import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/platform/errors.js';
import { resolveMapping, suggestMapping } from './column-mapping.js';

describe('suggestMapping', () => {
  it('recognises French headers, with or without accents and « N° »', () => {
    const header = ['N° de série', 'UAI', 'Salle', 'Type', 'Statut', "Date d'achat", 'Prix', 'Fin de garantie', 'Commentaire'];
    expect(suggestMapping(header)).toEqual({
      serial: 'N° de série',
      uai: 'UAI',
      room: 'Salle',
      class: 'Type',
      status: 'Statut',
      purchaseDate: "Date d'achat",
      purchasePrice: 'Prix',
      warrantyEnd: 'Fin de garantie',
    });
    expect(suggestMapping(['Numéro de série'])).toEqual({ serial: 'Numéro de série' });
    expect(suggestMapping(['NUMERO DE SERIE', 'Numero d’inventaire', 'FIN DE GARANTIE'])).toEqual({
      serial: 'NUMERO DE SERIE',
      inventoryNumber: 'Numero d’inventaire',
      warrantyEnd: 'FIN DE GARANTIE',
    });
  });

  it('recognises English headers and keeps the first column naming a field', () => {
    expect(suggestMapping(['Serial number', 'Serial', 'Purchase date', 'Price', 'Warranty end', 'Manufacturer', 'Model'])).toEqual({
      serial: 'Serial number',
      purchaseDate: 'Purchase date',
      purchasePrice: 'Price',
      warrantyEnd: 'Warranty end',
      manufacturer: 'Manufacturer',
      model: 'Model',
    });
  });

  it('maps back every header of the export', () => {
    const exported = ['UAI', 'Établissement', 'Bâtiment', 'Salle', 'Type', 'Statut', 'Nom', 'N° de série', 'N° d’inventaire', 'Fabricant', 'Modèle', 'Propriétaire', 'Financeur', 'Source de financement', 'Fournisseur', 'Référence de commande', 'Date d’achat', 'Prix d’achat', 'Fin de garantie', 'Version d’image'];
    const mapping = suggestMapping(exported);
    expect(Object.keys(mapping).sort()).toEqual(
      ['uai', 'building', 'room', 'class', 'status', 'name', 'serial', 'inventoryNumber', 'manufacturer', 'model', 'ownerKind', 'funder', 'fundingSource', 'supplier', 'orderReference', 'purchaseDate', 'purchasePrice', 'warrantyEnd', 'imageVersion'].sort(),
    );
  });
});

describe('resolveMapping', () => {
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error as AppError;
    }
    throw new Error('expected a refusal');
  };

  it('gives the column index of each field', () => {
    expect([...resolveMapping(['A', 'Série', 'UAI'], { serial: 'Série', uai: 'UAI' })]).toEqual([
      ['serial', 1],
      ['uai', 2],
    ]);
  });

  it('refuses a header absent or written twice, and a mapping without serial nor inventory number', () => {
    expect(refusal(() => resolveMapping(['Série'], { serial: 'Serial' })).issues?.[0]).toEqual({ path: 'mapping.serial', message: 'Colonne « Serial » absente du fichier.' });
    expect(refusal(() => resolveMapping(['Série', 'Série'], { serial: 'Série' })).message).toMatch(/Plusieurs colonnes/);
    expect(refusal(() => resolveMapping(['UAI'], { uai: 'UAI' })).message).toMatch(/numéro de série ou au numéro d’inventaire/);
  });
});
