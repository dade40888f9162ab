import { describe, expect, it } from 'vitest';
import { detect } from '../engine.js';
import type { RecognizerCase } from './case.js';
import { creditCardCases, emailCases, ipCases, onlineIdCases, secretCases } from './common/common.cases.js';
import { addressCases } from './kr/address.cases.js';
import { bankAccountCases } from './kr/bank-account.cases.js';
import { birthDateCases } from './kr/birth-date-value.cases.js';
import { brnCases, crnCases } from './kr/brn.cases.js';
import { customerIdCases } from './kr/customer-id.cases.js';
import { driverLicenseCases } from './kr/driver-license.cases.js';
import { foreignNameCases } from './kr/foreign-name.cases.js';
import { healthInsuranceCases } from './kr/health-insurance.cases.js';
import { passportCases } from './kr/passport.cases.js';
import { patientIdCases, prescriptionIdCases } from './kr/patient-id.cases.js';
import { personCases } from './kr/person.cases.js';
import { phoneCases } from './kr/phone.cases.js';
import { frnCases, rrnCases } from './kr/rrn.cases.js';
import { vehiclePlateCases } from './kr/vehicle-plate.cases.js';

const tables: Record<string, RecognizerCase[]> = {
  KR_RRN: rrnCases,
  KR_FRN: frnCases,
  KR_PASSPORT: passportCases,
  KR_DRIVER_LICENSE: driverLicenseCases,
  KR_BRN: brnCases,
  KR_CRN: crnCases,
  KR_HEALTH_INSURANCE: healthInsuranceCases,
  KR_PATIENT_ID: patientIdCases,
  KR_CUSTOMER_ID: customerIdCases,
  KR_PRESCRIPTION_ID: prescriptionIdCases,
  KR_BANK_ACCOUNT: bankAccountCases,
  PHONE: phoneCases,
  KR_VEHICLE_PLATE: vehiclePlateCases,
  KR_ADDRESS: addressCases,
  PERSON: [...personCases, ...foreignNameCases],
  EMAIL: emailCases,
  IP_ADDRESS: ipCases,
  ONLINE_ID: onlineIdCases,
  SECRET: secretCases,
  CREDIT_CARD: creditCardCases,
  BIRTH_DATE: birthDateCases,
};

/** Expected [start, end) spans: each listed substring, searched left to right. */
function expectedSpans(c: RecognizerCase): [number, number][] {
  let from = 0;
  return c.spans.map((s) => {
    const i = c.text.indexOf(s, from);
    if (i < 0) throw new Error(`case "${c.name}": "${s}" is not in its text`);
    from = i + s.length;
    return [i, i + s.length];
  });
}

for (const [type, cases] of Object.entries(tables)) {
  describe(type, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const found = detect(c.text)
        .filter((e) => e.type === type)
        .map((e) => [e.start, e.end]);
      expect(found).toEqual(expectedSpans(c));
    });
  });
}
