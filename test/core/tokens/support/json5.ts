/**
 * A small JSON5 reader for the Primer token sources (comments, unquoted keys, single-quoted
 * strings, trailing commas, +/. numbers, hex, Infinity/NaN). No dependency is installed for
 * JSON5, and evaluating the files as JavaScript would be worse.
 */
export function parseJson5(text: string): unknown {
  let i = 0;
  const fail = (msg: string): never => {
    const line = text.slice(0, i).split('\n').length;
    throw new SyntaxError(`JSON5: ${msg} at line ${line}`);
  };
  const skip = () => {
    for (;;) {
      const c = text[i];
      if (c === undefined) return;
      if (/\s/.test(c) || c === '\uFEFF') {
        i++;
        continue;
      }
      if (c === '/' && text[i + 1] === '/') {
        while (i < text.length && text[i] !== '\n') i++;
        continue;
      }
      if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end === -1) fail('unterminated comment');
        i = end + 2;
        continue;
      }
      return;
    }
  };
  const string = (): string => {
    const quote = text[i++];
    let out = '';
    for (;;) {
      const c = text[i++];
      if (c === undefined) fail('unterminated string');
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[i++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'v':
          out += '\v';
          break;
        case '0':
          out += '\0';
          break;
        case 'u':
          out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
          i += 4;
          break;
        case 'x':
          out += String.fromCharCode(parseInt(text.slice(i, i + 2), 16));
          i += 2;
          break;
        case '\r':
          if (text[i] === '\n') i++;
          break;
        case '\n':
        case '\u2028':
        case '\u2029':
          break;
        default:
          out += e;
      }
    }
  };
  const identifier = (): string => {
    const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 200));
    if (!m) fail(`unexpected ${JSON.stringify(text[i])}`);
    i += m![0].length;
    return m![0];
  };
  const number = (): number => {
    const m = /^[+-]?(0[xX][0-9a-fA-F]+|Infinity|NaN|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(text.slice(i, i + 100));
    if (!m) fail('bad number');
    i += m![0].length;
    const s = m![0];
    const sign = s.startsWith('-') ? -1 : 1;
    const body = s.replace(/^[+-]/, '');
    if (/^0[xX]/.test(body)) return sign * parseInt(body, 16);
    return sign * Number(body);
  };
  const value = (): unknown => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      for (;;) {
        skip();
        if (text[i] === '}') {
          i++;
          return obj;
        }
        const key = text[i] === '"' || text[i] === "'" ? string() : identifier();
        skip();
        if (text[i++] !== ':') fail('expected ":"');
        obj[key] = value();
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      for (;;) {
        skip();
        if (text[i] === ']') {
          i++;
          return arr;
        }
        arr.push(value());
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"' || c === "'") return string();
    if (c !== undefined && /[-+.\d]/.test(c)) return number();
    const word = identifier();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (word === 'Infinity') return Infinity;
    if (word === 'NaN') return NaN;
    return fail(`unexpected ${word}`);
  };
  const result = value();
  skip();
  if (i < text.length) fail('trailing characters');
  return result;
}
