// Test support: runs one world and keeps the parts of its stream that the model tests check, so each test file
// generates its world once. Not shipped code.

import type { ApplicationSubmittedData, CollectionCallData } from '../ingest/index.js';
import { generateWorld } from './world-generator.js';
import type { ApplicantTruth, WorldOptions } from './world-types.js';

export interface WorldSample {
  readonly truths: ApplicantTruth[];
  readonly byId: Map<string, ApplicantTruth>;
  /** Applications by applicationId. */
  readonly applications: Map<string, { time: number; data: ApplicationSubmittedData }>;
  /** Loan ids that received any repayment. */
  readonly repaidLoans: Set<string>;
  readonly calls: CollectionCallData[];
  /** Times of device.seen / login events per phone, to check what came before an application. */
  readonly sessionsByPhone: Map<string, number[]>;
  readonly blacklisted: Set<string>;
}

export function sampleWorld(options: WorldOptions): WorldSample {
  const sample: WorldSample = {
    truths: [], byId: new Map(), applications: new Map(), repaidLoans: new Set(), calls: [], sessionsByPhone: new Map(),
    blacklisted: new Set(),
  };
  for (const item of generateWorld(options)) {
    if (item.kind === 'truth') {
      sample.truths.push(item.truth);
      sample.byId.set(item.truth.idNumber, item.truth);
      continue;
    }
    const e = item.event;
    const time = Date.parse(e.time);
    switch (e.type) {
      case 'application.submitted':
        sample.applications.set(e.data.applicationId, { time, data: e.data });
        break;
      case 'repayment.made':
        sample.repaidLoans.add(e.data.loanId);
        break;
      case 'collection.call':
        sample.calls.push(e.data);
        break;
      case 'login':
      case 'device.seen': {
        const key = e.data.phone ?? e.data.fingerprint;
        const list = sample.sessionsByPhone.get(key);
        if (list) list.push(time);
        else sample.sessionsByPhone.set(key, [time]);
        break;
      }
      case 'list.changed':
        if (e.data.list === 'black' && e.data.entityType === 'person') sample.blacklisted.add(e.data.value);
        break;
      default:
        break;
    }
  }
  return sample;
}
