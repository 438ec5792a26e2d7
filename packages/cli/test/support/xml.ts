/** An XML element as parsed by `parseXml`: enough to count and inspect JUnit test cases. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[a-z]+);/g, (_m, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(Number.parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] ?? ''),
  );
}

/**
 * A strict parser for well-formed XML 1.0 documents without a DTD (what JUnit reports are): one
 * root element, matching tags, quoted attributes, no duplicate attributes, only the predefined
 * entities and character references, no raw `<` or `&` in text. Throws on anything else.
 */
export function parseXml(doc: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    const line = doc.slice(0, i).split('\n').length;
    throw new Error(`not well-formed XML at line ${line}: ${why}`);
  };
  const skipSpace = () => {
    while (i < doc.length && /\s/.test(doc[i]!)) i++;
  };
  const checkText = (s: string) => {
    for (let k = s.indexOf('&'); k !== -1; k = s.indexOf('&', k + 1))
      if (!ENTITY.test(s.slice(k))) fail(`bad entity near "${s.slice(k, k + 12)}"`);
    if (s.includes('<')) fail('raw < in text');
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (doc.startsWith('<!--', i)) {
        const end = doc.indexOf('-->', i + 4);
        if (end === -1) fail('unterminated comment');
        i = end + 3;
      } else if (doc.startsWith('<?', i)) {
        const end = doc.indexOf('?>', i + 2);
        if (end === -1) fail('unterminated processing instruction');
        i = end + 2;
      } else return;
    }
  };

  const element = (): XmlElement => {
    if (doc[i] !== '<') fail('expected <');
    i++;
    const name = NAME.exec(doc.slice(i))?.[0] ?? fail('bad element name');
    i += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (doc.startsWith('/>', i)) {
        i += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (doc[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail(`expected a space before an attribute of <${name}>`);
      const attr = NAME.exec(doc.slice(i))?.[0] ?? fail(`bad attribute in <${name}>`);
      i += attr.length;
      skipSpace();
      if (doc[i] !== '=') fail(`expected = after ${attr}`);
      i++;
      skipSpace();
      const quote = doc[i];
      if (quote !== '"' && quote !== "'") fail(`unquoted value of ${attr}`);
      const end = doc.indexOf(quote!, i + 1);
      if (end === -1) fail(`unterminated value of ${attr}`);
      const raw = doc.slice(i + 1, end);
      checkText(raw);
      if (attr in attributes) fail(`duplicate attribute ${attr}`);
      attributes[attr] = decode(raw);
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (i >= doc.length) fail(`<${name}> is never closed`);
      if (doc.startsWith('</', i)) {
        i += 2;
        const close = NAME.exec(doc.slice(i))?.[0];
        if (close !== name) fail(`</${close}> closes <${name}>`);
        i += name.length;
        skipSpace();
        if (doc[i] !== '>') fail('expected > in a closing tag');
        i++;
        return { name, attributes, children, text };
      }
      if (doc.startsWith('<!--', i) || doc.startsWith('<?', i)) {
        skipMisc();
        continue;
      }
      if (doc.startsWith('<![CDATA[', i)) {
        const end = doc.indexOf(']]>', i);
        if (end === -1) fail('unterminated CDATA');
        text += doc.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      if (doc[i] === '<') {
        children.push(element());
        continue;
      }
      const next = doc.indexOf('<', i);
      const raw = doc.slice(i, next === -1 ? doc.length : next);
      checkText(raw);
      text += decode(raw);
      i += raw.length;
    }
  };

  if (doc.startsWith('<?xml') === false) fail('missing the XML declaration');
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== doc.length) fail('content after the root element');
  return root;
}

/** Every element named `name` below `root` (depth first). */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}
