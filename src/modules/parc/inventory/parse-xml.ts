import { SaxesParser } from 'saxes';
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
  /**
   * Element names in lower case in the tree (isArray still gets the names as written): OCS and
   * FusionInventory write the JSON format's names in capitals, and lowering them while building
   * costs nothing, where a lowered copy of the tree cost a tenth of an inventory's CPU.
   */
  lowerCaseNames?: boolean;
}

/**
 * Declarations that only a DTD can hold. Agents never send a DTD; accepting one opens external
 * entities (XXE: reading server files) and entity expansion ("billion laughs"). Refused before any
 * parsing, wherever they appear (saxes never expands a DTD's entities, this is a second wall).
 */
const dtdMarkup = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i;

/**
 * What saxes reports but an inventory may hold and we keep, as the previous parser did: a named
 * entity that is not one of XML's five (`&eacute;`, written by hand-made agents) stays as written,
 * and a control character from an old agent's software name stays in the text (content-access
 * strips NUL). Anything else — unclosed, mismatched or truncated markup — refuses the document.
 */
const tolerated = new Set(['undefined entity.', 'disallowed character.', 'malformed character entity.']);

/**
 * One element path of the document (`REQUEST.CONTENT.SOFTWARES`), met once and reused by every
 * element at that path: isArray is asked once per path, and no path string is built per element.
 */
interface PathNode {
  alwaysArray: boolean;
  /** The name the tree uses (lower-cased when asked). */
  key: string;
  children: Map<string, PathNode>;
  path: string;
}

/** One open element while the document is read. */
interface Frame {
  at: PathNode;
  element: XmlElement | null;
  text: string;
}

/**
 * Secure XML → object, in one pass of a SAX parser (saxes: strict, spec-compliant, no DTD
 * processing) that builds only what the normalizer reads: element names and text, no attributes.
 * Values stay strings (a serial "0012" or a version "1.10" must not become a number); only the 5
 * predefined entities and numeric character references are decoded; a truncated or malformed
 * document is refused whole; every refusal is a 400 or 413 that names the problem.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const { maxDecodedBytes, maxXmlDepth } = withDefaultLimits(options.limits);
  // a UTF-16 string is at most 3 UTF-8 bytes per unit: count exactly only when it may matter
  if (text.length * 3 > maxDecodedBytes && Buffer.byteLength(text, 'utf8') > maxDecodedBytes) {
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
  const builder = new TreeBuilder(maxXmlDepth, options.isArray, options.lowerCaseNames ?? false);
  const parser = new SaxesParser({ position: true });
  parser.on('error', (error) => {
    const message = error.message.replace(/^\d+:\d+: /, '');
    if (tolerated.has(message)) return;
    throw malformed(parser.line, parser.column, message);
  });
  parser.on('opentag', (tag) => builder.open(tag.name));
  parser.on('text', (chunk) => builder.text(chunk));
  parser.on('cdata', (chunk) => builder.text(chunk));
  parser.on('closetag', () => builder.close());
  parser.write(text).close();
  return builder.root();
}

class TreeBuilder {
  private readonly stack: Frame[] = [];
  private readonly document: XmlElement = {};
  private readonly top: PathNode = { alwaysArray: false, key: '', children: new Map(), path: '' };

  constructor(
    private readonly maxDepth: number,
    private readonly isArray: ((path: string) => boolean) | undefined,
    private readonly lowerCaseNames: boolean,
  ) {}

  open(name: string) {
    if (name === '__proto__' || (this.lowerCaseNames && name.toLowerCase() === '__proto__')) {
      throw new AppError('BAD_REQUEST', `Le document XML est refusé : nom d'élément interdit « ${name} ».`);
    }
    if (this.stack.length >= this.maxDepth) {
      throw new AppError('BAD_REQUEST', `Le document XML est trop imbriqué (plus de ${this.maxDepth} niveaux).`);
    }
    const parent = this.stack[this.stack.length - 1];
    this.stack.push({ at: this.child(parent ? parent.at : this.top, name), element: null, text: '' });
  }

  text(chunk: string) {
    const frame = this.stack[this.stack.length - 1];
    if (frame) frame.text += chunk;
  }

  close() {
    const frame = this.stack.pop()!;
    let value: XmlValue;
    if (frame.element) {
      value = frame.element;
      const mixed = frame.text.trim();
      if (mixed !== '') add(value, '#text', mixed, this.child(frame.at, '#text').alwaysArray);
    } else {
      value = frame.text.trim();
    }
    const parent = this.stack[this.stack.length - 1];
    if (parent) {
      parent.element ??= {};
      // text between child elements is indentation, not a value
      if (parent.text !== '' && parent.text.trim() === '') parent.text = '';
      add(parent.element, frame.at.key, value, frame.at.alwaysArray);
    } else {
      add(this.document, frame.at.key, value, frame.at.alwaysArray);
    }
  }

  root(): XmlElement {
    if (Object.keys(this.document).length === 0) {
      throw new AppError('BAD_REQUEST', "Le document XML n'a pas d'élément racine.");
    }
    return this.document;
  }

  private child(parent: PathNode, name: string): PathNode {
    let node = parent.children.get(name);
    if (!node) {
      const path = parent.path === '' ? name : `${parent.path}.${name}`;
      const key = this.lowerCaseNames ? name.toLowerCase() : name;
      node = { alwaysArray: this.isArray ? this.isArray(path) : false, key, children: new Map(), path };
      parent.children.set(name, node);
    }
    return node;
  }
}

function add(into: XmlElement, name: string, value: XmlValue, alwaysArray: boolean) {
  const existing = Object.hasOwn(into, name) ? into[name] : undefined;
  if (existing === undefined) {
    into[name] = alwaysArray ? [value] : value;
  } else if (Array.isArray(existing)) {
    existing.push(value); // a value is never an array itself: an array here is a repeated element
  } else {
    into[name] = [existing, value];
  }
}

function malformed(line: number, column: number, message: string): AppError {
  return new AppError('BAD_REQUEST', `Le document XML est mal formé (ligne ${line}) : ${message}`, {
    details: { line, column },
  });
}
