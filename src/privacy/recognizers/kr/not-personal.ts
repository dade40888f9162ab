/**
 * Words that say a nearby number identifies a thing, not a person (a barcode, an order, a case).
 * They lower a match's score unless the recogniser's own context words are also near.
 */
export const NOT_PERSONAL_NUMBER = [
  '바코드',
  '상품코드',
  '주문번호',
  '송장번호',
  '운송장',
  '일련번호',
  '시리얼',
  'serial',
  'isbn',
  'ean',
  '모델명',
  '제품번호',
  '관리번호',
  '사건번호',
  '접수번호',
];
