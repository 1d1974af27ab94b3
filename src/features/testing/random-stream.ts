// Test support: seeded streams of small, already-hashed events with crowded keys (so keys go bucketed), late and
// out-of-order arrivals, and missing fields; and a spec that exercises every aggregation and window kind.
import { DAY_MS, HOUR_MS, MINUTE_MS, Random } from '../../core/index.js';
import type { FeatureSetSpec } from '../feature-spec.js';
import type { FeatureEvent } from '../set-runtime.js';

export interface StreamOptions {
  readonly seed: number;
  readonly events: number;
  readonly devices?: number;
  readonly applicants?: number;
  /** Mean gap between events (ms). */
  readonly gap?: number;
  /** Share of events arriving late (up to 3 hours, sometimes 3 days). */
  readonly lateShare?: number;
}

export function randomStream(options: StreamOptions): FeatureEvent[] {
  const rnd = new Random(options.seed);
  const devices = options.devices ?? 4;
  const applicants = options.applicants ?? 40;
  const gap = options.gap ?? 20 * MINUTE_MS;
  let clock = Date.UTC(2025, 0, 1);
  const out: FeatureEvent[] = [];
  let loans = 0;
  for (let i = 0; i < options.events; i++) {
    clock += Math.round(rnd.exponential(1 / gap));
    if (rnd.chance(0.004)) clock += 5 * DAY_MS;
    let time = clock;
    if (rnd.chance(options.lateShare ?? 0.05)) time -= rnd.chance(0.2) ? 3 * DAY_MS : rnd.int(3 * HOUR_MS);
    const device = `h:dev${rnd.int(devices)}`;
    const applicant = `h:id${rnd.int(applicants)}`;
    const phone = `h:ph${rnd.int(applicants / 2)}`;
    const roll = rnd.next();
    if (roll < 0.5) {
      out.push({
        type: 'application.submitted',
        time,
        data: {
          applicationId: `a${i}`,
          applicant: { idNumber: applicant, phone, name: 'h:n', ...(rnd.chance(0.7) ? { monthlyIncome: 1000 + rnd.int(5000) } : {}) },
          device: { fingerprint: device, ip: `h:ip${rnd.int(6)}`, ip24: `h:net${rnd.int(3)}` },
          bankCard: `h:card${rnd.int(applicants)}`,
          homeAddress: `h:addr${rnd.int(10)}`,
          ...(rnd.chance(0.6) ? { employer: rnd.pick(['Acme', 'Globex', 'Initech']) } : {}),
          contacts: Array.from({ length: rnd.int(3) }, () => ({ phone: `h:ph${rnd.int(applicants / 2)}`, relation: 'friend' })),
          emergencyContacts: [],
          requestedAmount: 100 * (1 + rnd.int(50)),
          termMonths: rnd.pick([3, 6, 12]),
          channel: rnd.pick(['web', 'app']),
        },
      });
    } else if (roll < 0.85) {
      out.push({ type: 'login', time, data: { fingerprint: device, ip: `h:ip${rnd.int(6)}`, idNumber: applicant, phone } });
    } else if (roll < 0.93) {
      out.push({ type: 'loan.booked', time, data: { loanId: `L${loans++}`, applicationId: `a${i}`, idNumber: applicant, amount: 1000 + rnd.int(9000), annualRate: 0.2, termMonths: 6, schedule: [{ seq: 1, dueDate: new Date(time + 30 * DAY_MS).toISOString(), principal: 100, interest: 5 }] } });
    } else if (loans > 0) {
      out.push({ type: 'repayment.made', time, data: { loanId: `L${rnd.int(loans)}`, seq: 1, amount: 50 + rnd.int(500), paidAt: new Date(time).toISOString() } });
    }
  }
  return out;
}

/** Every aggregation, window kind and request mode, a filter, a CEL value, a union window and derived features. */
export const EXERCISE_SPEC: FeatureSetSpec = {
  name: 'exercise',
  features: [
    { name: 'device.apps.10m', entity: 'device', events: ['application.submitted'], aggregation: 'count', window: '10m' },
    { name: 'device.apps.1h.incl', entity: 'device', events: ['application.submitted'], aggregation: 'count', window: '1h', request: 'include' },
    { name: 'device.apps.1d', entity: 'device', events: ['application.submitted'], aggregation: 'count', window: '1d' },
    { name: 'device.apps.7d', entity: 'device', events: ['application.submitted'], aggregation: 'count', window: '7d' },
    { name: 'device.apps.30d.incl', entity: 'device', events: ['application.submitted'], aggregation: 'count', window: '30d', request: 'include' },
    { name: 'device.amount.sum.7d', entity: 'device', events: ['application.submitted'], aggregation: 'sum', field: 'requestedAmount', window: '7d' },
    { name: 'device.amount.mean.1h', entity: 'device', events: ['application.submitted'], aggregation: 'mean', field: 'requestedAmount', window: '1h' },
    { name: 'device.amount.min.30d', entity: 'device', events: ['application.submitted'], aggregation: 'min', field: 'requestedAmount', window: '30d' },
    { name: 'device.amount.max.rows5', entity: 'device', events: ['application.submitted'], aggregation: 'max', field: 'requestedAmount', window: 'rows:5' },
    { name: 'device.amount.first.7d', entity: 'device', events: ['application.submitted'], aggregation: 'first', field: 'requestedAmount', window: '7d' },
    { name: 'device.amount.last.rows3.incl', entity: 'device', events: ['application.submitted'], aggregation: 'last', field: 'requestedAmount', window: 'rows:3', request: 'include' },
    { name: 'device.income.mean.30d', entity: 'device', events: ['application.submitted'], aggregation: 'mean', field: 'applicant.monthlyIncome', window: '30d' },
    { name: 'device.distinct_ids.1h', entity: 'device', events: ['application.submitted', 'login'], aggregation: 'distinct_count', field: { 'application.submitted': 'applicant.idNumber', login: 'idNumber' }, window: '1h' },
    { name: 'device.distinct_ids.30d', entity: 'device', events: ['application.submitted', 'login'], aggregation: 'distinct_count', field: { 'application.submitted': 'applicant.idNumber', login: 'idNumber' }, window: '30d' },
    { name: 'device.distinct_ids.rows10', entity: 'device', events: ['application.submitted', 'login'], aggregation: 'distinct_count', field: { 'application.submitted': 'applicant.idNumber', login: 'idNumber' }, window: 'rows:10' },
    { name: 'device.events.1h', entity: 'device', events: ['application.submitted', 'login'], aggregation: 'count', window: '1h' },
    { name: 'device.days_since_first.lifetime', entity: 'device', events: ['application.submitted', 'login'], aggregation: 'time_since_first', window: 'lifetime' },
    { name: 'device.minutes_since_last.1d', entity: 'device', events: ['application.submitted', 'login'], aggregation: 'time_since_last', window: '1d', unit: 'm' },
    { name: 'device.days_since_first.90d', entity: 'device', events: ['application.submitted', 'login'], aggregation: 'time_since_first', window: '90d' },
    { name: 'device.web_apps.7d', entity: 'device', events: ['application.submitted'], filter: 'data.channel == "web"', aggregation: 'count', window: '7d' },
    { name: 'device.contacts.sum.30d', entity: 'device', events: ['application.submitted'], aggregation: 'sum', value: 'double(size(data.contacts))', window: '30d' },
    { name: 'device.lifetime.max', entity: 'device', events: ['application.submitted'], aggregation: 'max', field: 'requestedAmount', window: 'lifetime' },
    { name: 'applicant.apps.7d', entity: 'applicant', events: ['application.submitted'], aggregation: 'count', window: '7d' },
    { name: 'applicant.repaid.sum.90d', entity: 'applicant', events: ['repayment.made'], aggregation: 'sum', field: 'amount', window: '90d' },
    { name: 'applicant.loans_booked.180d', entity: 'applicant', events: ['loan.booked'], aggregation: 'count', window: '180d' },
    { name: 'contact.listed.30d', entity: 'contact', events: ['application.submitted'], aggregation: 'count', window: '30d' },
    { name: 'employer.apps.1d', entity: 'employer', events: ['application.submitted'], aggregation: 'count', window: '1d' },
    { name: 'ip24.distinct_devs.7d', entity: 'ip24', events: ['application.submitted', 'login'], aggregation: 'distinct_count', field: { 'application.submitted': 'device.fingerprint', login: 'fingerprint' }, window: '7d' },
    { name: 'device.apps.ratio_1d_7d', aggregation: 'ratio', of: ['device.apps.1d', 'device.apps.7d'] },
    { name: 'device.apps.trend_1d_7d', transform: 'trend', inputs: ['device.apps.1d', 'device.apps.7d'] },
    { name: 'device.apps.1d.gt2', transform: 'greater_than', inputs: ['device.apps.1d'], threshold: 2 },
    { name: 'device.amount.mean.1h.missing', transform: 'is_missing', inputs: ['device.amount.mean.1h'] },
    { name: 'device.amount.sum.7d.log', transform: 'log1p', inputs: ['device.amount.sum.7d'] },
    { name: 'device.apps.diff', transform: 'difference', inputs: ['device.apps.7d', 'device.apps.1d'] },
    { name: 'employer.apps.1d.filled', transform: 'difference', inputs: ['employer.apps.1d', 'employer.apps.1d'], fill: -1 },
  ],
};
