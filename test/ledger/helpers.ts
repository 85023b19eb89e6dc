/** Shared builders for ledger tests. */
import { createHash, randomBytes } from 'node:crypto';
import type { BatchIntent } from '../../src/core/ledger/types.js';

export function intent(over: Partial<BatchIntent> = {}): BatchIntent {
  const body = randomBytes(16);
  return {
    exporter: 'acme',
    manifest: { id: 'acme-aftersales', version: '1' },
    lists: [{ id: 'lingang-icv-general', version: '2024.1' }],
    recipient: 'Acme GmbH',
    country: 'DE',
    gateway: 'gw-1',
    fields: ['vin', 'fault_code'],
    records: 3,
    sha256: createHash('sha256').update(body).digest('hex'),
    bytes: body.length,
    output: { kind: 'stdout' },
    subjects: { sensitive: [], personal: [] },
    ...over,
  };
}

export const h32 = (s: string): Buffer => createHash('sha256').update(s).digest();
