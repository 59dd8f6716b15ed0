import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../../server/platform/errors.js';
import { type InventoryLimits, withDefaultLimits } from './limits.js';

/** A parsed XML element: text, or child elements by name (repeated ones as arrays). */
export type XmlValue = string | XmlElement | XmlValue[];
export interface XmlElement {
  [name: string]: XmlValue;
}

export interface ParseXmlOptions {
  limits?: Partial<InventoryLimits>;
  /** Whether the element at this dotted path (`REQUEST.CONTENT.SOFTWARES`) is always an array. */
  isArray?: (path: string) => boolean;
}

/**
 * Declarations that only a DTD can hold. Agents never send a DTD; accepting one opens external
 * entities (XXE: reading server files) and entity expansion ("billion laughs"). Refused before any
 * parsing, wherever they appear.
 */
/**
 * fast-xml-parser decodes numeric references (&#233; &#xE9;) only when `htmlEntities` is truthy,
 * and an object there is used as the map of extra named entities (typed `boolean`, accepted as an
 * object at run time). An empty map: the 5 XML entities and numeric references are decoded,
 * anything else (&eacute;) stays as written. parse-xml.test.ts pins this behaviour.
 */
const noNamedHtmlEntities = {} as unknown as boolean;

const dtdMarkup = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i;

/**
 * Secure XML → object. Values stay strings (a serial "0012" or a version "1.10" must not become a
 * number); only the 5 predefined entities and numeric character references are decoded; every
 * refusal is a 400 or 413 that names the problem.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const { maxDecodedBytes, maxXmlDepth } = withDefaultLimits(options.limits);
  if (Buffer.byteLength(text, 'utf8') > maxDecodedBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Le document XML dépasse ${Math.round(maxDecodedBytes / 1024 / 1024)} Mio.`);
  }
  const dtd = dtdMarkup.exec(text);
  if (dtd) {
    throw new AppError(
      'BAD_REQUEST',
      `Le document XML contient une déclaration <!${dtd[1].toUpperCase()}> : les DTD et entités sont refusées (risque XXE ou d'expansion d'entités). Un agent d'inventaire n'en envoie jamais.`,
      { details: { declaration: dtd[1].toUpperCase() } },
    );
  }
  // The parser is lenient (it accepts unclosed or mismatched tags), so a truncated upload would
  // look like a smaller inventory: validate the whole document first.
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    throw new AppError('BAD_REQUEST', `Le document XML est mal formé (ligne ${valid.err.line}) : ${valid.err.msg}`, {
      details: { line: valid.err.line, column: valid.err.col },
    });
  }
  const isArray = options.isArray;
  const parser = new XMLParser({
    ignoreAttributes: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: noNamedHtmlEntities,
    maxNestedTags: maxXmlDepth,
    isArray: (_name: string, path: unknown) => (isArray ? isArray(String(path)) : false),
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    if (/nested tags/i.test(message)) {
      throw new AppError('BAD_REQUEST', `Le document XML est trop imbriqué (plus de ${maxXmlDepth} niveaux).`);
    }
    throw new AppError('BAD_REQUEST', `Le document XML est refusé : ${message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AppError('BAD_REQUEST', "Le document XML n'a pas d'élément racine.");
  }
  return parsed as XmlElement;
}
