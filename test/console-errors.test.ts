import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, errorMessage } from '../console/src/errors.js';
import { errorSpecs } from '../src/core/errors.js';

describe("the console's error messages", () => {
  it('cover every error code the server has, in Korean and English', () => {
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual(Object.keys(errorSpecs).sort());
    for (const [code, m] of Object.entries(ERROR_MESSAGES)) {
      expect(m.ko, code).toMatch(/[가-힣]/);
      expect(m.en, code).not.toMatch(/[가-힣]/);
    }
  });

  it('never send a console user to the command line, nor show an internal exception', () => {
    for (const m of Object.values(ERROR_MESSAGES)) expect(`${m.ko} ${m.en}`).not.toMatch(/jugwon |--[a-z]/);
    // A detail the server adds keeps its reason but loses a trailing command-line hint.
    expect(
      errorMessage(
        'JG_COLLECTION_CONFLICT',
        'Collection "a" uses no embedding model. Run jugwon collections list.',
        'ko',
      ),
    ).toBe('이 문서 모음의 설정과 맞지 않습니다 — Collection "a" uses no embedding model');
    expect(
      errorMessage(
        'JG_COLLECTION_NOT_FOUND',
        'Collection "x" does not exist. jugwon collections list shows the collections.',
        'ko',
      ),
    ).toBe('그 문서 모음(컬렉션)이 없습니다. 문서 화면에서 목록을 확인하세요.');
    expect(errorMessage('NOT_A_CODE', "Cannot read properties of undefined (reading 'length')", 'ko')).toBe(
      '예기치 못한 오류가 났습니다. 잠시 후 다시 시도하고, 계속되면 관리자에게 알려 주세요.',
    );
  });
});
