import { describe, expect, it } from 'vitest';

describe('the jugwon package entry (dist/index.js)', () => {
  it('exports the documented library API, working', async () => {
    const api = await import('../../dist/index.js');
    expect(typeof api.detect).toBe('function');
    const text = '고객 김민준님 연락처 010-1234-5678';
    const { text: masked, vault } = api.mask(text);
    expect(masked).toBe('고객 〔PERSON_1〕님 연락처 〔PHONE_1〕');
    expect(api.restore(masked, vault)).toBe(text);
    const r = api.createStreamRestorer(vault);
    expect(r.push('〔PHO') + r.push('NE_1〕입니다') + r.flush()).toBe('010-1234-5678입니다');
    expect(new api.JugwonError('JG_FILE_NOT_FOUND', { file: 'x' }).code).toBe('JG_FILE_NOT_FOUND');
  });
});
