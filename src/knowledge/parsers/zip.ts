import { type Unzipped, unzipSync } from 'fflate';
import { JugwonError } from '../../core/errors.js';
import { LIMITS } from './limits.js';

/**
 * Reads a zip container (HWPX, DOCX) after checking the declared sizes of what it would expand
 * to, so a zip bomb is refused before it is inflated. Only the entries `want` accepts are read.
 */
export function readZip(
  file: string,
  bytes: Uint8Array,
  want: (name: string) => boolean,
  limit: number = LIMITS.unzippedBytes,
): Unzipped {
  let total = 0;
  let entries = 0;
  let tooBig = false;
  let out: Unzipped;
  try {
    out = unzipSync(bytes, {
      filter: (f) => {
        entries++;
        if (!want(f.name)) return false;
        total += f.originalSize;
        if (total > limit || entries > LIMITS.zipEntries) tooBig = true;
        return !tooBig;
      },
    });
  } catch (e) {
    throw new JugwonError('JG_PARSE_FAILED', {
      file,
      reason: `not a readable zip container (${(e as Error).message})`,
    });
  }
  if (tooBig)
    throw new JugwonError('JG_PARSE_FAILED', {
      file,
      reason: `it would expand beyond ${limit} bytes or ${LIMITS.zipEntries} entries`,
    });
  return out;
}
