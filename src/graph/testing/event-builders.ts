// Builders of already-hashed events for graph tests: names become stable fake keyed hashes ("h:" + 22 chars), so
// tests read like "person A shares device d1 with B" and the engine sees what ingest would hand it.

import { createHash } from 'node:crypto';
import type { ArgusEvent } from '../../ingest/index.js';

export const T0 = Date.UTC(2025, 0, 1);
export const DAY = 86_400_000;

export function h(name: string): string {
  return 'h:' + createHash('sha256').update(name).digest().subarray(0, 16).toString('base64url');
}

export interface ApplicationSpec {
  readonly person: string;
  readonly phone: string;
  readonly device: string;
  readonly ip: string;
  readonly ip24?: string;
  readonly card: string;
  readonly address: string;
  readonly employer?: string;
  readonly contacts?: readonly string[];
  readonly emergency?: readonly string[];
  readonly day: number;
}

let counter = 0;

export function application(spec: ApplicationSpec): ArgusEvent {
  counter++;
  return {
    id: `app-${counter}`,
    type: 'application.submitted',
    time: new Date(T0 + spec.day * DAY).toISOString(),
    data: {
      applicationId: `a-${counter}`,
      applicant: { idNumber: h(spec.person), phone: h(spec.phone), name: h(`name-${spec.person}`) },
      device: { fingerprint: h(spec.device), ip: h(spec.ip), ...(spec.ip24 ? { ip24: h(spec.ip24) } : {}) },
      bankCard: h(spec.card),
      homeAddress: h(spec.address),
      ...(spec.employer ? { employer: spec.employer } : {}),
      contacts: (spec.contacts ?? []).map((p) => ({ phone: h(p), relation: 'friend' as const })),
      emergencyContacts: (spec.emergency ?? []).map((p) => ({ phone: h(p), relation: 'parent' as const })),
      requestedAmount: 1000,
      termMonths: 12,
      channel: 'app',
    },
  };
}

export function loanBooked(loanId: string, person: string, day: number): ArgusEvent {
  return {
    id: `booked-${loanId}`, type: 'loan.booked', time: new Date(T0 + day * DAY).toISOString(),
    data: {
      loanId, applicationId: `a-${loanId}`, idNumber: h(person), amount: 1000, annualRate: 0.2, termMonths: 12,
      schedule: [{ seq: 1, dueDate: new Date(T0 + (day + 30) * DAY).toISOString(), principal: 1000, interest: 20 }],
    },
  };
}

export function loanClosed(loanId: string, reason: 'paid_off' | 'charged_off', day: number): ArgusEvent {
  return { id: `closed-${loanId}`, type: 'loan.closed', time: new Date(T0 + day * DAY).toISOString(), data: { loanId, reason } };
}

export function listed(
  entityType: 'person' | 'phone' | 'device' | 'ip' | 'card' | 'address', name: string, reason: string, day: number,
  action: 'add' | 'remove' = 'add', list: 'black' | 'white' = 'black',
): ArgusEvent {
  counter++;
  return {
    id: `list-${counter}`, type: 'list.changed', time: new Date(T0 + day * DAY).toISOString(),
    data: { list, entityType, value: h(name), action, reason, source: 'test' },
  };
}
