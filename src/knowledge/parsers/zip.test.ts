import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZip } from './zip.js';

/** A zip whose headers declare `declared` bytes for an entry that really inflates to `real`. */
function lyingZip(real: number, declared: number): Uint8Array {
  const z = zipSync({ 'Contents/section0.xml': new Uint8Array(real).fill(0x20) }, { level: 9 });
  const dv = new DataView(z.buffer, z.byteOffset, z.byteLength);
  dv.setUint32(22, declared, true); // local header: uncompressed size
  for (let i = z.length - 22; i >= 0; i--)
    if (dv.getUint32(i, true) === 0x02014b50) {
      dv.setUint32(i + 24, declared, true); // central directory: uncompressed size
      break;
    }
  return z;
}

describe('zip containers', () => {
  it('refuses entries whose declared size is past the limit, before inflating them', () => {
    const z = zipSync({ 'Contents/section0.xml': new Uint8Array(2 * 1024 * 1024) }, { level: 9 });
    expect(() => readZip('a.hwpx', z, () => true, 1024 * 1024)).toThrow(/expand beyond/);
  });

  it('never inflates past the declared size, even when the headers lie (memory stays bounded)', () => {
    const out = readZip('a.hwpx', lyingZip(20 * 1024 * 1024, 1000), () => true);
    expect(out['Contents/section0.xml']?.length).toBe(1000);
  });
});
