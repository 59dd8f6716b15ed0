import { describe, expect, it } from 'vitest';
import { parseXml } from './parse-xml.js';
import { inflateSync } from 'node:zlib';
import { isOcsArrayPath } from './ocs-request.js';
import { fixtureBytes, fusionFile, refusal, xmlExamples } from './testing/fixtures.js';

const realFiles = [fusionFile, ...xmlExamples, 'agents/fusioninventory-2.6-inventory.zlib', 'agents/ocsinventory-2.10-inventory.zlib'];
const realText = (file: string) => (file.endsWith('.zlib') ? inflateSync(fixtureBytes(file)) : fixtureBytes(file)).toString('utf8');

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<REQUEST><DEVICEID>&lol9;</DEVICEID></REQUEST>`;

describe('parseXml', () => {
  it('refuses external entities (XXE) with 400 before parsing', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><REQUEST><DEVICEID>&e;</DEVICEID></REQUEST>';
    const error = refusal(() => parseXml(xxe));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', status: 400, details: { declaration: 'DOCTYPE' } });
    expect(error.message).toContain('XXE');
    expect(error.message).not.toContain('root:');
  });

  it('refuses "billion laughs" and any DTD markup, whatever its case or place', () => {
    expect(refusal(() => parseXml(billionLaughs)).status).toBe(400);
    expect(refusal(() => parseXml('<REQUEST><!doctype x></REQUEST>')).status).toBe(400);
    expect(refusal(() => parseXml('<REQUEST/><! ENTITY x "y">')).status).toBe(400);
    expect(refusal(() => parseXml('<!ELEMENT x ANY><REQUEST/>')).status).toBe(400);
  });

  it('refuses malformed and truncated documents, which the parser alone would accept', () => {
    const truncated = refusal(() => parseXml('<REQUEST>\n<CONTENT>\n<HARDWARE><NAME>pc'));
    expect(truncated).toMatchObject({ status: 400, message: expect.stringContaining('mal formé') });
    expect(refusal(() => parseXml('<REQUEST><A></B></REQUEST>')).message).toContain('ligne 1');
    expect(refusal(() => parseXml('not xml at all')).status).toBe(400);
  });

  it('refuses deep nesting and oversized documents', () => {
    expect(refusal(() => parseXml(`${'<a>'.repeat(40)}${'</a>'.repeat(40)}`)).message).toContain('trop imbriqué');
    expect(refusal(() => parseXml(`<R>${'x'.repeat(2048)}</R>`, { limits: { maxDecodedBytes: 1024 } })).status).toBe(413);
  });

  it('decodes the 5 XML entities and numeric references once, and nothing else', () => {
    const parsed = parseXml('<R><A>&lt;b&gt; &amp; &quot;&apos; &#233;&#xE9; &eacute; &amp;#60; &amp;lt;</A><B><![CDATA[&lt;<i>]]></B></R>');
    expect(parsed).toEqual({ R: { A: `<b> & "' éé &eacute; &#60; &lt;`, B: '&lt;<i>' } });
  });

  it('keeps every value a string and lists the paths asked for', () => {
    const parsed = parseXml('<R><SERIAL>0012</SERIAL><VERSION>1.10</VERSION><S><N>a</N></S><EMPTY/><BLANK>  </BLANK></R>', {
      isArray: (path) => path === 'R.S',
    });
    expect(parsed).toEqual({ R: { SERIAL: '0012', VERSION: '1.10', S: [{ N: 'a' }], EMPTY: '', BLANK: '' } });
  });

  it('refuses element names that would pollute prototypes, and pollutes nothing', () => {
    expect(refusal(() => parseXml('<R><__proto__><polluted>1</polluted></__proto__></R>')).status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads every real agent file, with the repeated sections as lists and the values as written', () => {
    for (const file of realFiles) {
      const request = parseXml(realText(file), { isArray: isOcsArrayPath }).REQUEST as Record<string, unknown>;
      expect(request, file).toBeTypeOf('object');
    }
    const ocs = parseXml(realText('agents/ocsinventory-2.10-inventory.zlib'), { isArray: isOcsArrayPath });
    const content = (ocs.REQUEST as { CONTENT: { SOFTWARES: unknown[]; HARDWARE: unknown } }).CONTENT;
    expect(content.SOFTWARES.length).toBeGreaterThan(500);
    expect(Array.isArray(content.HARDWARE)).toBe(false);
  });

  it('refuses a real inventory cut anywhere, rather than reading the part that arrived', () => {
    const text = realText(fusionFile);
    for (const at of [1, 100, 5_000, 60_000, text.length - 200, text.length - 12]) {
      const error = refusal(() => parseXml(text.slice(0, at), { isArray: isOcsArrayPath }));
      expect(error.status, `cut at ${at}`).toBe(400);
    }
  });
});
