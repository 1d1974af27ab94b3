// Holds one simulated world against the documented generative model: realised default hazards, segment shares, ring
// structure, thin-file linking and the share of collection calls that break contact rules. Tolerances are about four
// standard errors, on a fixed seed, so a test fails only when the simulator stops doing what docs/simulator.md says.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DISCLOSURE_LINES, THREAT_LINES } from './call-transcripts.js';
import { SIMULATOR_MODEL as M, expectedRingSize, monthlyHazard } from './simulator-model.js';
import { sampleWorld, type WorldSample } from './world-sample.test-support.js';
import type { ApplicantTruth, LoanTruth } from './world-types.js';

const APPLICANTS = 24_000;
/** A disclosure line with its placeholders (borrower, amount, days past due) matching anything. */
const DISCLOSURE_PATTERNS = DISCLOSURE_LINES.map(
  (line) => new RegExp(line.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(b|amount|dpd)\}/g, '.+?')),
);
let world: WorldSample;

before(() => {
  world = sampleWorld({ applicants: APPLICANTS, seed: 2024 });
});

function creditLoans(filter: (t: ApplicantTruth) => boolean = () => true): { t: ApplicantTruth; l: LoanTruth }[] {
  return world.truths
    .filter((t) => (t.segment === 'normal' || t.segment === 'thin_file') && filter(t))
    .flatMap((t) => t.loans.map((l) => ({ t, l })));
}

/** Observed defaults against the sum of documented hazards over the loans at risk; |O - E| within 4 sd. */
function assertLifeTable(loans: { t: ApplicantTruth; l: LoanTruth }[], month: number, label: string): void {
  let observed = 0, expected = 0, variance = 0;
  for (const { t, l } of loans) {
    if (l.monthsObserved < month) continue;
    const h = monthlyHazard(t.latent, month, l.termMonths, l.repeat);
    expected += h;
    variance += h * (1 - h);
    if (l.defaultMonth === month) observed++;
  }
  assert.ok(expected > 5, `${label}: too few loans at risk in month ${month}`);
  assert.ok(Math.abs(observed - expected) <= 4 * Math.sqrt(variance) + 1,
    `${label} month ${month}: ${observed} defaults, model expects ${expected.toFixed(1)} ± ${Math.sqrt(variance).toFixed(1)}`);
}

test('truth hazards are the documented formula of the truth latent, term and repeat flag', () => {
  for (const { t, l } of creditLoans()) {
    for (let m = 1; m <= l.termMonths; m++) {
      const h = monthlyHazard(t.latent, m, l.termMonths, l.repeat);
      assert.ok(Math.abs(l.monthlyHazard[m - 1] - h) <= 1e-5 * h, `${l.loanId} month ${m}`);
    }
  }
  for (const t of world.truths.filter((x) => x.segment === 'ring_member' || x.segment === 'first_party_fraud')) {
    assert.ok(t.monthlyHazard.every((h) => h === 1));
  }
});

test('the outcome of an applicant is the fate of its first loan, with the month on book', () => {
  for (const t of world.truths) {
    const first = t.loans[0];
    assert.equal(t.booked, first !== undefined && !first.repeat);
    if (!t.booked) {
      assert.deepEqual(t.outcome, { status: 'not_booked' });
      continue;
    }
    const expected =
      first.status === 'defaulted' ? { status: 'defaulted', month: first.defaultMonth }
      : first.status === 'paid_off' ? { status: 'paid_off', month: first.termMonths }
      : first.status === 'prepaid' ? { status: 'prepaid', month: first.prepaidAfterMonth }
      : { status: 'censored', monthsObserved: first.monthsObserved };
    assert.deepEqual(t.outcome, expected, t.idNumber);
    if (first.status === 'censored') assert.ok(first.closedAt === null && !first.chargedOff && first.defaultMonth === null);
  }
});

test('realised monthly default hazards match the model, month by month on book', () => {
  const loans = creditLoans();
  for (let m = 1; m <= 12; m++) assertLifeTable(loans, m, 'all credit loans');
});

test('realised default hazards match the model within latent bands, and riskier latents default more', () => {
  const bands: [number, number][] = [[-Infinity, -1], [-1, 0], [0, 1], [1, Infinity]];
  const rates: number[] = [];
  for (const [lo, hi] of bands) {
    const loans = creditLoans((t) => t.latent >= lo && t.latent < hi);
    for (let m = 1; m <= 4; m++) assertLifeTable(loans, m, `latent in [${lo}, ${hi})`);
    const first = loans.filter(({ l }) => l.monthsObserved >= 1);
    rates.push(first.filter(({ l }) => l.defaultMonth === 1).length / first.length);
  }
  for (let i = 1; i < rates.length; i++) assert.ok(rates[i] < rates[i - 1], `month-1 default rate by band: ${rates.join(', ')}`);
});

test('segments arrive in their documented shares', () => {
  const count = (segment: string) => world.truths.filter((t) => t.segment === segment).length / APPLICANTS;
  const within = (share: number, expected: number, label: string) => {
    const se = Math.sqrt((expected * (1 - expected)) / APPLICANTS);
    assert.ok(Math.abs(share - expected) <= 4 * se, `${label}: ${share} vs ${expected}`);
  };
  within(count('first_party_fraud'), M.segments.firstPartyFraudShare, 'first-party fraud');
  within(count('thin_file'), M.segments.thinFileShare, 'thin-file');
  // Ring members come in groups, so their share varies more: allow for clustering (× mean ring size).
  const ring = count('ring_member');
  const se = Math.sqrt((M.segments.ringShare * expectedRingSize()) / APPLICANTS);
  assert.ok(Math.abs(ring - M.segments.ringShare) <= 4 * se, `ring share ${ring}`);
});

test('fraud rings: documented sizes, one burst, a shared handler and devices or IPs, and never a repayment', () => {
  const rings = new Map<string, ApplicantTruth[]>();
  for (const t of world.truths) if (t.ringId) rings.set(t.ringId, [...(rings.get(t.ringId) ?? []), t]);
  assert.ok(rings.size >= 40, `only ${rings.size} rings`);
  const sizes = [...rings.values()].map((members) => members.length);
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  const sd = Math.sqrt(sizes.reduce((a, b) => a + (b - mean) ** 2, 0) / sizes.length);
  assert.ok(Math.abs(mean - expectedRingSize()) <= 4 * (sd / Math.sqrt(sizes.length)), `mean ring size ${mean}`);
  let sharingMembers = 0, members = 0;
  for (const [ringId, group] of rings) {
    assert.ok(group.length >= M.rings.minSize && group.length <= M.rings.maxSize, `${ringId} has ${group.length} members`);
    assert.ok(group.every((t) => t.ringSize === group.length));
    const times = group.map((t) => Date.parse(t.appliedAt[0]));
    assert.ok(Math.max(...times) - Math.min(...times) <= M.rings.burstMaxHours * 3_600_000, `${ringId} burst too long`);
    const apps = group.map((t) => world.applications.get(t.applicationIds[0])!.data);
    const handler = apps[0].emergencyContacts[0].phone;
    assert.ok(apps.every((a) => a.emergencyContacts.some((c) => c.phone === handler)), `${ringId} members do not share the handler`);
    for (const a of apps) {
      members++;
      if (apps.some((b) => b !== a && (b.device.fingerprint === a.device.fingerprint || b.device.ip === a.device.ip))) sharingMembers++;
    }
    for (const t of group) {
      assert.equal(t.applicationIds.length, 1, 'ring members apply once');
      for (const l of t.loans) {
        assert.ok(!world.repaidLoans.has(l.loanId), `ring loan ${l.loanId} was repaid`);
        if (l.monthsObserved >= 1) assert.equal(l.defaultMonth, 1);
      }
    }
  }
  assert.ok(sharingMembers / members >= 0.9, `only ${sharingMembers} of ${members} ring members share a device or IP`);
  const chargedOff = world.truths.filter((t) => t.ringId && t.loans.some((l) => l.chargedOff));
  const listed = chargedOff.filter((t) => world.blacklisted.has(t.idNumber)).length / chargedOff.length;
  assert.ok(Math.abs(listed - M.lists.ringBlacklist) <= 0.1, `blacklisted share of charged-off ring members ${listed}`);
});

test('first-party fraudsters look normal but never repay', () => {
  const fraud = world.truths.filter((t) => t.segment === 'first_party_fraud');
  for (const t of fraud) {
    assert.equal(t.ringId, null);
    for (const l of t.loans) assert.ok(!world.repaidLoans.has(l.loanId));
  }
  const incomeReported = fraud.filter((t) => world.applications.get(t.applicationIds[0])!.data.applicant.monthlyIncome !== undefined).length;
  assert.ok(incomeReported / fraud.length > 0.85);
});

test('thin-file applicants: no history, few covariates, and a latent that follows the relative they link to', () => {
  const thin = world.truths.filter((t) => t.segment === 'thin_file');
  let withIncome = 0;
  const x: number[] = [], y: number[] = [];
  for (const t of thin) {
    const app = world.applications.get(t.applicationIds[0])!;
    assert.ok(app.data.contacts.length <= M.covariates.thinContactsMax);
    if (app.data.applicant.monthlyIncome !== undefined) withIncome++;
    const sessions = world.sessionsByPhone.get(t.phone) ?? [];
    assert.ok(sessions.every((s) => s >= app.time), 'a thin-file applicant has no logins before applying');
    assert.ok(Date.parse(t.appliedAt[0]) - Date.parse(t.firstSeenAt) <= 20 * 60_000);
    if (!t.relative) continue;
    assert.ok(app.data.emergencyContacts.some((c) => world.byId.get(t.relative!.idNumber)?.phone === c.phone),
      'the relative is an emergency contact');
    x.push(t.relative.latent);
    y.push(t.latent - M.latent.thinFileShift);
  }
  assert.ok(x.length >= 0.98 * thin.length, 'almost every thin-file applicant has a relative');
  assert.ok(Math.abs(withIncome / thin.length - M.covariates.thinIncomeReported) <= 0.04);
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxy / sxx;
  assert.ok(Math.abs(slope - M.latent.relativeCorrelation) <= 0.06, `latent slope on the relative's latent: ${slope}`);
  const residualSd = Math.sqrt(y.reduce((a, yi, i) => a + (yi - my - slope * (x[i] - mx)) ** 2, 0) / y.length);
  assert.ok(Math.abs(residualSd - Math.sqrt(1 - M.latent.relativeCorrelation ** 2)) <= 0.05, `residual sd ${residualSd}`);
});

test('graph links carry the signal: thin-file borrowers default more when their relative defaulted', () => {
  const counts = { relDefaulted: [0, 0], relFine: [0, 0] };
  for (const t of world.truths) {
    if (t.segment !== 'thin_file' || !t.relative || t.loans.length === 0) continue;
    const relative = world.byId.get(t.relative.idNumber);
    if (!relative) continue;
    const bucket = relative.loans.some((l) => l.defaultMonth !== null) ? counts.relDefaulted : counts.relFine;
    bucket[0]++;
    if (t.loans[0].defaultMonth !== null) bucket[1]++;
  }
  const rate = ([n, d]: number[]) => d / n;
  assert.ok(rate(counts.relDefaulted) > 1.2 * rate(counts.relFine), JSON.stringify(counts));
});

test('collection calls break contact rules in their documented shares, and the labels match the calls', () => {
  const rules = new Map(world.truths.flatMap((t) => t.ruleBreakingCalls.map((c) => [c.callId, c.rulesBroken] as const)));
  assert.equal(world.truths.reduce((n, t) => n + t.callCount, 0), world.calls.length);
  const offset = M.calls.localUtcOffsetHours;
  let night = 0, humanBorrowerAnswered = 0, threats = 0, humanContactAnswered = 0, disclosures = 0;
  for (const call of world.calls) {
    const broken = rules.get(call.callId) ?? [];
    const localHour = (new Date(call.startedAt).getUTCHours() + offset) % 24;
    const atNight = localHour >= 21 || localHour < 8;
    assert.equal(broken.includes('night_call'), atNight, `${call.callId} at local hour ${localHour}`);
    if (atNight) night++;
    const text = call.transcript.map((turn) => turn.text).join(' ');
    const threatened = THREAT_LINES.some((line) => text.includes(line));
    assert.equal(broken.includes('threat'), threatened, `${call.callId} threat label`);
    const disclosed = DISCLOSURE_PATTERNS.some((pattern) => pattern.test(text));
    assert.equal(broken.includes('third_party_disclosure'), disclosed, `${call.callId} disclosure label`);
    if (call.agent.kind === 'human' && call.outcome !== 'no_answer') {
      if (call.calledParty === 'borrower') {
        humanBorrowerAnswered++;
        if (threatened) threats++;
      } else {
        humanContactAnswered++;
        if (disclosed) disclosures++;
      }
    } else {
      assert.ok(!broken.includes('threat') && !broken.includes('third_party_disclosure'), 'robots and unanswered calls break no speech rules');
    }
  }
  const near = (observed: number, n: number, p: number, label: string) =>
    assert.ok(Math.abs(observed / n - p) <= 4 * Math.sqrt((p * (1 - p)) / n) + 0.002, `${label}: ${observed}/${n} vs ${p}`);
  near(night, world.calls.length, M.calls.nightShare, 'night calls');
  const c = M.calls;
  const threatShare = (c.riskyAgents * c.riskyAgentThreat + (c.humanAgents - c.riskyAgents) * c.otherAgentThreat) / c.humanAgents;
  near(threats, humanBorrowerAnswered, threatShare, 'threats');
  near(disclosures, humanContactAnswered, c.disclosureShare, 'third-party disclosures');
});
