import type { RecognizerCase } from '../case.js';

export const bankAccountCases: RecognizerCase[] = [
  { name: 'KB shape with bank', text: '국민은행 123456-12-123456', spans: ['123456-12-123456'] },
  { name: 'Shinhan', text: '신한 110-123-456789 로 이체', spans: ['110-123-456789'] },
  { name: 'Woori', text: '우리은행 계좌 1002-123-456789', spans: ['1002-123-456789'] },
  { name: 'KakaoBank', text: '카카오뱅크 3333-01-1234567', spans: ['3333-01-1234567'] },
  { name: 'NH four groups', text: '농협 계좌번호 302-1234-5678-91', spans: ['302-1234-5678-91'] },
  { name: 'digits only with account word', text: '환불 계좌 11012345678901', spans: ['11012345678901'] },
  { name: 'account in English', text: 'bank account 1002123456789', spans: ['1002123456789'] },
  { name: 'no bank or account word', text: '주문 1002-123-456789 처리', spans: [] },
  { name: 'short number near bank', text: '국민은행 123-45', spans: [] },
  // Groups joined by spaces, as read out or typed from a passbook: in a bank's printed shape only.
  { name: 'spaces, KB shape', text: '계좌번호 국민 123456 12 123456', spans: ['123456 12 123456'] },
  { name: 'spaces, Shinhan shape', text: '신한 110 123 456789로 입금해 주세요', spans: ['110 123 456789'] },
  { name: 'spaces, no bank shape', text: '계좌 개설 2024 01 15 1234', spans: [] },
  { name: 'spaces, an amount', text: '송금 금액 100 000 000원', spans: [] },
  { name: 'spaces, more groups after', text: '국민 123456 12 123456 7', spans: [] },
  // Dots between the groups, as some type a passbook's number: only in a bank's printed shape.
  { name: 'dots, Shinhan shape', text: '입금계좌: 신한 110.123.456789', spans: ['110.123.456789'] },
  { name: 'dots, KB shape', text: '국민 123456.01.123456 으로', spans: ['123456.01.123456'] },
  { name: 'dots, an IP address', text: '송금 서버 192.168.100.200', spans: [] },
  { name: 'dots, an amount', text: '이체 한도 1.000.000.000원', spans: [] },
  { name: 'KakaoBank as 카뱅', text: '카뱅 3333-01-1234567 으로 보내줘', spans: ['3333-01-1234567'] },
  // Banks whose names are everyday words, right before a number in their own shape.
  {
    name: '우리 before its own shape',
    text: '우리 1002-123-456789 로 보내 주세요',
    spans: ['1002-123-456789'],
  },
  { name: '하나 before its own shape', text: '하나 123-456789-12345', spans: ['123-456789-12345'] },
  { name: '우리 before an amount', text: '우리 10000000000원 목표', spans: [] },
  { name: '우리 before a number of another shape', text: '우리 2024-1234-5678 건', spans: [] },
];
