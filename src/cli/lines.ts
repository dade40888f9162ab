/**
 * Splits a byte stream into lines without ever holding more than `maxLineBytes` of one line:
 * a 100 MB line becomes one "too long" report, not a 100 MB string.
 */
export type Line =
  | { kind: 'text'; number: number; text: string }
  | { kind: 'too-long'; number: number }
  | { kind: 'not-text'; number: number };

const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(number: number, parts: Buffer[]): Line {
  const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
  const body = bytes.subarray(0, end);
  if (body.includes(0)) return { kind: 'not-text', number };
  try {
    return { kind: 'text', number, text: decoder.decode(body) };
  } catch {
    return { kind: 'not-text', number };
  }
}

export async function* readLines(
  input: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let number = 1;
  let sawAny = false;
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = 0;
    while (from < buf.length) {
      sawAny = true;
      const nl = buf.indexOf(0x0a, from);
      const piece = buf.subarray(from, nl < 0 ? buf.length : nl);
      if (!tooLong) {
        if (size + piece.length > maxLineBytes) {
          tooLong = true;
          parts = [];
        } else {
          parts.push(piece);
          size += piece.length;
        }
      }
      if (nl < 0) break;
      yield tooLong ? { kind: 'too-long', number } : decode(number, parts);
      number++;
      parts = [];
      size = 0;
      tooLong = false;
      from = nl + 1;
      sawAny = false;
    }
  }
  if (sawAny) yield tooLong ? { kind: 'too-long', number } : decode(number, parts);
}
