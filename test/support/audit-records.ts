import type { AuditRecord } from '../../src/audit/log.js';

/**
 * A request's audit record as the gateway writes it, `o` over the defaults: for tests that write a
 * trail directly (old records, chosen times) through the ledger.
 */
export const requestRecord = (o: Partial<AuditRecord> = {}): AuditRecord => ({
  time: new Date().toISOString(),
  kind: 'request',
  tenant: 'bank',
  keyId: 'k1',
  route: 'POST /v1/chat/completions',
  decision: 'allow',
  status: 200,
  outcome: 'ok',
  ...o,
});
