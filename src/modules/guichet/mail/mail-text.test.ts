import { describe, expect, it } from 'vitest';
import { htmlToText, replyText, smtpText } from './mail-text.js';

describe('mail text', () => {
  it('turns HTML into text: paragraphs and breaks as lines, entities decoded, styles and scripts dropped', () => {
    const html = '<html><head><style>p{color:red}</style></head><body><p>Bonjour,</p><p>L&#39;écran&nbsp;est <b>noir</b>&hellip;<br>Salle&nbsp;B12 &amp; B13</p><script>alert(1)</script><ul><li>un</li><li>deux</li></ul></body></html>';
    expect(htmlToText(html)).toBe("Bonjour,\nL'écran est noir&hellip;\nSalle B12 & B13\n- un\n- deux");
  });

  it('keeps what a reply says, not the message it quotes', () => {
    expect(replyText('Oui, ce matin.\n\nLe lun. 2 mars 2026 à 10:00, Guichet a écrit :\n> Quel poste ?')).toBe('Oui, ce matin.');
    expect(replyText('Yes.\nOn Mon, Mar 2, 2026 at 10:00 AM Desk wrote:\n> Which one?')).toBe('Yes.');
    expect(replyText('Réponse\n-----Original Message-----\nFrom: x')).toBe('Réponse');
    expect(replyText('Texte\n> cité\n> encore')).toBe('Texte');
    // a mail that is only a quote keeps its text rather than nothing
    expect(replyText('> tout est cité')).toBe('> tout est cité');
  });

  it('writes SMTP replies in ASCII, French without accents', () => {
    expect(smtpText('Pièce jointe « outil.exe » refusée : type non accepté.')).toBe('Piece jointe " outil.exe " refusee : type non accepte.');
    expect(smtpText('Établissement inconnu\u00a0: l’UAI')).toBe("Etablissement inconnu : l'UAI");
  });
});
