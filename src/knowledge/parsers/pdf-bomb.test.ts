import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkStreams, parsePdf } from './pdf.js';

/** A minimal PDF whose one content stream is `data`, zlib-compressed (FlateDecode). */
function pdfWithStream(data: Uint8Array): Uint8Array {
  const z = deflateSync(data, { level: 9 });
  const head = Buffer.from(
    `%PDF-1.7\n4 0 obj\n<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n`,
    'latin1',
  );
  const tail = Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1');
  return Buffer.concat([head, z, tail]);
}

describe('PDF flate bombs', () => {
  it('refuses a PDF whose compressed streams expand past the limit, before the reader inflates them', async () => {
    const bomb = pdfWithStream(new Uint8Array(100 * 1024 * 1024)); // 100 MB of zeros in ~100 KB
    expect(bomb.length).toBeLessThan(200 * 1024);
    await expect(parsePdf('bomb.pdf', bomb)).rejects.toThrow(/compressed streams expand beyond/);
  });

  it('lets streams within the limit through to the reader', () => {
    expect(() => checkStreams('ok.pdf', pdfWithStream(new Uint8Array(1024 * 1024)))).not.toThrow();
    expect(() => checkStreams('small.pdf', pdfWithStream(new Uint8Array(2048)), 1024)).toThrow(
      /expand beyond 1024/,
    );
  });
});
