import { creditCard } from './recognizers/common/credit-card.js';
import { email } from './recognizers/common/email.js';
import { ipAddress } from './recognizers/common/ip-address.js';
import { onlineId } from './recognizers/common/online-id.js';
import { secret } from './recognizers/common/secret.js';
import { krAddress, krResidence } from './recognizers/kr/address.js';
import { krAddressLatin } from './recognizers/kr/address-latin.js';
import { krBankAccount } from './recognizers/kr/bank-account.js';
import { krBirthDate, krBirthDateAfterLabel, krBirthYear } from './recognizers/kr/birth-date-value.js';
import { krBrn } from './recognizers/kr/brn.js';
import { krCrn } from './recognizers/kr/crn.js';
import { krCustomerId } from './recognizers/kr/customer-id.js';
import { krDriverLicense, krDriverLicenseRegrouped } from './recognizers/kr/driver-license.js';
import { foreignName, latinNameAfterLabel, westernName } from './recognizers/kr/foreign-name.js';
import { krHealthInsurance } from './recognizers/kr/health-insurance.js';
import { krPassport, krPassportRegrouped } from './recognizers/kr/passport.js';
import { krPatientId, krPrescriptionId } from './recognizers/kr/patient-id.js';
import { krPerson } from './recognizers/kr/person.js';
import { krPhone, krPhoneWithoutZero } from './recognizers/kr/phone.js';
import { krFrn, krRrn, krRrnBackHalf, krRrnHalves, krRrnMasked } from './recognizers/kr/rrn.js';
import { krSpacedDigits } from './recognizers/kr/spaced-digits.js';
import { krVehiclePlate } from './recognizers/kr/vehicle-plate.js';
import type { Recognizer, RecognizerPack } from './types.js';

export const commonPack: RecognizerPack = {
  name: 'common',
  recognizers: [email, ipAddress, creditCard, onlineId, secret],
};

/** Order matters only for scanning recognisers: the name scanner reads what the others found. */
export const krPack: RecognizerPack = {
  name: 'kr',
  recognizers: [
    krRrn,
    krRrnMasked,
    krRrnBackHalf,
    krRrnHalves,
    krFrn,
    krPassport,
    krDriverLicense,
    krBrn,
    krCrn,
    krHealthInsurance,
    krPatientId,
    krPrescriptionId,
    krCustomerId,
    krPhone,
    krPhoneWithoutZero,
    krVehiclePlate,
    krBirthDate,
    krAddressLatin,
    krBankAccount,
    krSpacedDigits,
    krPassportRegrouped,
    krDriverLicenseRegrouped,
    krBirthDateAfterLabel,
    krBirthYear,
    krAddress,
    krResidence,
    foreignName,
    westernName,
    latinNameAfterLabel,
    krPerson,
  ],
};

export const defaultPacks: readonly RecognizerPack[] = [commonPack, krPack];

/** Flattens packs; pattern recognisers first, scanning ones after in pack order. */
export function recognizersOf(packs: readonly RecognizerPack[]): Recognizer[] {
  const all = packs.flatMap((p) => p.recognizers);
  return [...all.filter((r) => r.kind === 'pattern'), ...all.filter((r) => r.kind === 'scan')];
}
