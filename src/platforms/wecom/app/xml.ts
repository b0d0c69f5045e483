// WeCom callbacks are small XML documents: elements, text and CDATA, no namespaces, no DTDs
// (doc 90238/90239/90240). No XML library is installed, so this reads exactly that and refuses the rest.
export interface XmlElement {
  name: string;
  text: string;
  children: XmlElement[];
}

const MAX_DEPTH = 16;
const NAME = /^[A-Za-z_][\w.-]*/;

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (!Number.isFinite(code) || code > 0x10ffff) throw new XmlError(`bad character reference &${e};`);
    return String.fromCodePoint(code);
  });
}

export function parseXml(input: string): XmlElement {
  let pos = 0;
  const skipMisc = () => {
    for (;;) {
      while (pos < input.length && /\s/.test(input[pos] as string)) pos++;
      if (input.startsWith('<?', pos)) {
        const end = input.indexOf('?>', pos);
        if (end < 0) throw new XmlError('unterminated declaration');
        pos = end + 2;
      } else if (input.startsWith('<!--', pos)) {
        const end = input.indexOf('-->', pos);
        if (end < 0) throw new XmlError('unterminated comment');
        pos = end + 3;
      } else {
        return;
      }
    }
  };

  const element = (depth: number): XmlElement => {
    if (depth > MAX_DEPTH) throw new XmlError('nesting too deep');
    if (input[pos] !== '<') throw new XmlError(`expected element at ${pos}`);
    pos++;
    const name = NAME.exec(input.slice(pos, pos + 256))?.[0];
    if (!name) throw new XmlError(`bad element name at ${pos}`);
    pos += name.length;
    const tagEnd = input.indexOf('>', pos);
    if (tagEnd < 0) throw new XmlError(`unterminated <${name}>`);
    const attrs = input.slice(pos, tagEnd);
    if (/[<]/.test(attrs)) throw new XmlError(`bad tag <${name}>`);
    pos = tagEnd + 1;
    const el: XmlElement = { name, text: '', children: [] };
    if (attrs.trimEnd().endsWith('/')) return el;

    for (;;) {
      if (pos >= input.length) throw new XmlError(`unterminated <${name}>`);
      if (input.startsWith('<![CDATA[', pos)) {
        const end = input.indexOf(']]>', pos);
        if (end < 0) throw new XmlError('unterminated CDATA');
        el.text += input.slice(pos + 9, end);
        pos = end + 3;
      } else if (input.startsWith('<!--', pos)) {
        const end = input.indexOf('-->', pos);
        if (end < 0) throw new XmlError('unterminated comment');
        pos = end + 3;
      } else if (input.startsWith('</', pos)) {
        const end = input.indexOf('>', pos);
        const closing = end < 0 ? '' : input.slice(pos + 2, end).trim();
        if (closing !== name) throw new XmlError(`</${closing}> does not close <${name}>`);
        pos = end + 1;
        return el;
      } else if (input.startsWith('<!', pos) || input.startsWith('<?', pos)) {
        throw new XmlError('declarations inside elements are not accepted');
      } else if (input[pos] === '<') {
        el.children.push(element(depth + 1));
      } else {
        const next = input.indexOf('<', pos);
        const raw = input.slice(pos, next < 0 ? input.length : next);
        el.text += decodeEntities(raw);
        pos = next < 0 ? input.length : next;
      }
    }
  };

  skipMisc();
  if (input.startsWith('<!', pos)) throw new XmlError('DOCTYPE is not accepted');
  const root = element(0);
  skipMisc();
  if (pos !== input.length) throw new XmlError('content after the root element');
  if (root.children.length > 0) root.text = root.text.trim();
  return root;
}

/** Text of each direct child, by element name (the first of repeated names wins). */
export function childTexts(el: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const child of el.children) {
    if (!(child.name in out)) out[child.name] = child.children.length > 0 ? '' : child.text;
  }
  return out;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}
