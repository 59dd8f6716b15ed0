import { describe, expect, it } from 'vitest';
import { withoutUai } from './receive-mail.js';

describe('a mailed ticket’s title', () => {
  it.each([
    ['Imprimante de la salle B04 en panne — 0590072H', 'Imprimante de la salle B04 en panne'],
    ['0590001F – Imprimante en panne', 'Imprimante en panne'],
    ['0590001F - Imprimante en panne', 'Imprimante en panne'],
    ['[0590072H] Wifi HS', 'Wifi HS'],
    ['Wifi HS (0590072H)', 'Wifi HS'],
    ['0590072H : Wifi - salle 3', 'Wifi - salle 3'],
    ['Wifi — 0590072H — salle 3', 'Wifi — salle 3'],
  ])('« %s » becomes « %s »', (subject, title) => {
    expect(withoutUai(subject, /\d{7}[A-Z]/.exec(subject)![0])).toBe(title);
  });
});
