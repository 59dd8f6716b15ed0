import { describe, expect, it } from 'vitest';
import { formFieldsSchema, validateAnswers } from '../../../../shared/campaign-form';
import { builderSchema, fromFields, toForm, type BuilderValues, type EditField } from './form-values';

/**
 * Conditions inside a repeated block: the builder offers the block's earlier fields, types the
 * value like the answer it reads (yes/no, euros), and the server's schema and validator read the
 * block's own answers.
 */

const block = (children: EditField[]): BuilderValues => ({
  fields: [{ key: 'equipe', kind: 'repetition', label: 'Équipe', children }],
  annotationFields: [],
});

const referent: EditField = { key: 'referent', kind: 'yesno', label: 'Référent numérique ?' };
const budget: EditField = { key: 'budget', kind: 'euros', label: 'Budget de formation', min: '', max: '' };
const heures: EditField = {
  key: 'heures',
  kind: 'integer',
  label: 'Heures de décharge',
  required: true,
  condition: { mode: 'and', clauses: [{ field: 'referent', op: 'equals', value: 'true' }] },
};

describe('conditions in a repeated block', () => {
  it('become the body the server parses, the value typed like the earlier field it reads', () => {
    const body = toForm(block([referent, heures]));
    expect(body.fields[0]!.children![1]!.condition).toEqual({ mode: 'and', clauses: [{ field: 'referent', op: 'equals', value: true }] });
    expect(builderSchema.safeParse(body).success).toBe(true);
  });

  it('read amounts in euros in the builder and in cents on the server, both ways', () => {
    const over: EditField = { key: 'justif', kind: 'text', label: 'Justification', condition: { mode: 'or', clauses: [{ field: 'budget', op: 'greater', value: '12.5' }] } };
    const body = toForm(block([budget, over]));
    expect(body.fields[0]!.children![1]!.condition!.clauses[0]!.value).toBe(1250);
    expect(fromFields(body.fields)[0]!.children![1]!.condition!.clauses[0]!.value).toBe(12.5);
  });

  it('are refused on their field when they read a later field of the block or one outside it', () => {
    const later = builderSchema.safeParse(toForm(block([heures, referent])));
    expect(later.success).toBe(false);
    expect(later.error!.issues).toEqual([expect.objectContaining({ path: ['fields', 0, 'children', 0, 'condition'], message: expect.stringMatching(/« referent », qui n’est pas un champ placé avant/) })]);
    const outside = formFieldsSchema.safeParse([
      { key: 'chariot', kind: 'yesno', label: 'Chariot ?' },
      { key: 'equipe', kind: 'repetition', label: 'Équipe', children: [{ key: 'nom', kind: 'text', label: 'Nom', condition: { mode: 'and', clauses: [{ field: 'chariot', op: 'equals', value: true }] } }] },
    ]);
    expect(outside.error!.issues[0]!.path).toEqual([1, 'children', 0, 'condition']);
    const twice = formFieldsSchema.safeParse([{ key: 'equipe', kind: 'repetition', label: 'Équipe', children: [referent, referent] }]);
    expect(twice.error!.issues[0]).toMatchObject({ path: [0, 'children', 1, 'key'], message: 'La clé « referent » est déjà prise.' });
  });

  it('ask for the field in the blocks where it shows, and only there', () => {
    const { fields } = toForm(block([referent, heures]));
    const answers = { equipe: [{ referent: false }, { referent: true }] };
    expect(validateAnswers(fields, answers, { complete: true })).toEqual([{ path: 'equipe.1.heures', message: '« Heures de décharge » est obligatoire.' }]);
    expect(validateAnswers(fields, { equipe: [{ referent: true, heures: 4 }] }, { complete: true })).toEqual([]);
  });
});
