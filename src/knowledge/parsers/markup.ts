import { type Handler, Parser, type ParserOptions } from 'htmlparser2';

/**
 * Elements open at once beyond which the outermost is closed. htmlparser2 keeps open elements in
 * an array it shifts at the front, and searches it whole for every stray end tag: nesting n deep
 * cost n² — a 3 MB HTML file of unclosed `<b>` held the parser 5 minutes, a 3 KB HWPX of 100,000
 * nested elements 8 s. Real documents nest a few dozen deep (tables in tables included).
 */
export const MAX_OPEN_ELEMENTS = 256;

/** The internals bounded here (htmlparser2 12.0.0, pinned; `markup.test.ts` fails if they move). */
interface Internals {
  stack: string[];
  foreignContext: unknown[];
  cbs: Partial<Handler>;
}

/**
 * An htmlparser2 parser that keeps at most MAX_OPEN_ELEMENTS elements open: opening one more
 * closes the outermost (the handler hears an implied close, so its own state stays balanced; the
 * end tag that comes later is ignored, as any stray one). Linear in the input whatever it nests.
 */
export class BoundedParser extends Parser {
  constructor(handler: Partial<Handler>, options: ParserOptions) {
    super(handler, options);
  }

  override onopentagname(start: number, endIndex: number): void {
    super.onopentagname(start, endIndex);
    const self = this as unknown as Internals;
    // The array holds the innermost element first: the outermost are at its end.
    while (self.stack.length > MAX_OPEN_ELEMENTS) self.cbs.onclosetag?.(self.stack.pop() as string, true);
    // Entered for <svg>, <math> and their integration points: bounded alike.
    if (self.foreignContext.length > MAX_OPEN_ELEMENTS + 1)
      self.foreignContext.length = MAX_OPEN_ELEMENTS + 1;
  }
}
