// Every number of the generative model, in one place, and the hazard/probability functions built from them.
// docs/simulator.md lists the same numbers in a table that simulator-model.test.ts holds against this object.

import type { Random } from '../core/index.js';

export const SIMULATOR_MODEL = {
  arrival: {
    /** Applications arrive over the first round(months · arrivalShare) months (at least one). */
    arrivalShare: 2 / 3,
    /** Relative application intensity per local hour 0..23 (local = UTC + calls.localUtcOffsetHours). */
    hourWeights: [1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.5, 3.5, 4, 4, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 4, 4.5, 5, 5, 4, 2],
    /** Normal applicants show up (device.seen) this many days on average before they apply (exponential). */
    preApplicationMeanDays: 5,
    /** Logins between first sight and application, Poisson mean (normal and first-party fraud only). */
    preApplicationLogins: 2,
  },
  segments: {
    ringShare: 0.03,
    firstPartyFraudShare: 0.015,
    thinFileShare: 0.15,
  },
  latent: {
    /** Share of normal applicants who are a relative of an earlier applicant. */
    normalRelativeShare: 0.2,
    /** z = shift + rho · z_relative + sqrt(1 - rho²) · ε. */
    relativeCorrelation: 0.7,
    thinFileShift: -0.25,
    /** Ring members fake good-looking profiles: covariates drawn from z ~ N(ringProfileMean, 1). */
    ringProfileMean: 0.3,
    /** Relatives link through each of these with this probability (the emergency contact always). */
    viaAddress: 0.5,
    viaEmployer: 0.3,
    viaDevice: 0.15,
    /** Relatives are drawn from a uniform reservoir sample of earlier normal applicants of this size. */
    relativePoolSize: 50000,
  },
  hazard: {
    /** logit h(m) = alpha + beta · z + monthEffect[m-1] + termEffect(T) + repeatEffect · repeat */
    alpha: -4.4,
    beta: -0.9,
    monthEffect: [0.6, 0.35, 0.2, 0.1, 0, 0, -0.05, -0.1, -0.15, -0.2, -0.25, -0.3],
    termEffect3: -0.2,
    termEffect6: 0,
    termEffect12: 0.15,
    repeatEffect: -0.4,
  },
  late: {
    /** logit P(instalment paid late then cured) = alpha + beta · z, for an instalment that is not defaulted. */
    alpha: -2.0,
    beta: -0.8,
    /** Days late: with shortShare, min(maxDays, 1 + floor(Exp(mean shortMeanDays))); else uniform longMinDays..maxDays. */
    shortShare: 0.75,
    shortMeanDays: 4,
    longMinDays: 10,
    maxDays: 89,
  },
  prepay: {
    /** logit P(prepay in full after instalment m < T) = alpha + beta · z. */
    alpha: -3.3,
    beta: 0.4,
    /** Prepayment lands 1..maxDaysAfter days after the instalment (and before the next statement). */
    maxDaysAfter: 25,
  },
  booking: {
    firstApplication: 0.8,
    repeatApplication: 0.95,
  },
  repeat: {
    /** After a loan is paid off (or prepaid), the borrower applies again with this probability. */
    probability: 0.3,
    minDays: 3,
    meanExtraDays: 30,
  },
  loan: {
    chargeOffDays: 90,
    /** instalment.due is emitted this many days before the due date (the statement). */
    statementDays: 3,
    terms: [3, 6, 12],
  },
  rings: {
    minSize: 3,
    maxSize: 30,
    /** size = min(maxSize, minSize + floor(Exp(mean sizeMeanExtra))). */
    sizeMeanExtra: 6,
    burstMinHours: 2,
    burstMaxHours: 72,
    /** Pool sizes are 1 + floor(size / divisor); members take from the pool with the given probability. */
    deviceDivisor: 5,
    deviceUse: 0.9,
    ipDivisor: 10,
    ipUse: 0.9,
    addressDivisor: 8,
    addressUse: 0.8,
    phoneDivisor: 4,
    phoneUse: 0.4,
    cardDivisor: 6,
    cardUse: 0.3,
    /** Besides the handler (every member's emergency contact), a pool of 2..5 phones; each member lists 1..3. */
    contactPoolMin: 2,
    contactPoolMax: 5,
    requestedAmountFactor: 1.5,
  },
  covariates: {
    ageMean: 34,
    ageLatent: 4,
    ageNoise: 9,
    logIncomeMean: 8.55,
    logIncomeLatent: 0.35,
    logIncomeNoise: 0.45,
    incomeReported: 0.95,
    thinIncomeReported: 0.3,
    /** logit P(employed) = employedAlpha + employedBeta · z; thin-file: thinEmployed. */
    employedAlpha: 2.0,
    employedBeta: 0.8,
    thinEmployed: 0.4,
    bigEmployerShare: 0.25,
    dormitoryShare: 0.25,
    /** log(requested / income) ~ N(-amountLatent · z, amountNoise), rounded to 100 and clamped. */
    amountLatent: 0.25,
    amountNoise: 0.5,
    minAmount: 500,
    maxAmount: 50000,
    firstPartyAmountFactor: 1.3,
    /** logit P(iOS) = iosAlpha + iosBeta · z. */
    iosAlpha: -0.5,
    iosBeta: 0.7,
    /** Channel weight = base · exp(loading · z): [base, loading]. */
    channelAppStore: [0.35, 0.3],
    channelReferral: [0.15, 0.2],
    channelAds: [0.25, -0.2],
    channelPartnerApi: [0.15, -0.3],
    channelH5Web: [0.1, -0.1],
    /** Term weight = base · exp(loading · z) for 3, 6, 12 months: [base, loading]. */
    term3: [0.3, 0.3],
    term6: [0.4, 0],
    term12: [0.3, -0.3],
    /** contacts ~ Poisson(contactsBase + contactsLatent · sigmoid(z)); thin-file: uniform 0..thinContactsMax. */
    contactsBase: 4,
    contactsLatent: 6,
    thinContactsMax: 3,
    /** Each listed contact is a hub number (shared by very many) or an earlier applicant with these shares. */
    hubContactShare: 0.03,
    applicantContactShare: 0.05,
    /** Share of sessions from a public IP (cafés, campus) shared by very many. */
    publicIpShare: 0.06,
  },
  calls: {
    /** Days past due on which the collector tries to call, while the instalment stays unpaid. */
    dpdMarks: [1, 3, 7, 14, 21, 30, 45, 60, 75, 89],
    attemptProbability: 0.85,
    /** Robots call before this DPD, humans from it on. */
    humanFromDpd: 14,
    /** From this DPD a human may also call an emergency contact. */
    contactCallFromDpd: 30,
    contactCallProbability: 0.35,
    localUtcOffsetHours: 8,
    /** Share of all calls placed at night (local 21:00-08:00); the rest are placed local 09:00-20:00. */
    nightShare: 0.03,
    humanAgents: 40,
    /** The first riskyAgents human agents threaten in riskyAgentThreat of their borrower calls, the rest in otherAgentThreat. */
    riskyAgents: 5,
    riskyAgentThreat: 0.25,
    otherAgentThreat: 0.02,
    /** Share of human calls to a contact in which the agent tells the contact about the debt. */
    disclosureShare: 0.3,
    robotAgents: 3,
    /** Probability a call is answered: a borrower who will cure, a defaulter, a fraudster, an emergency contact. */
    answerBorrower: 0.6,
    answerDefaulter: 0.35,
    answerFraud: 0.15,
    answerContact: 0.6,
  },
  lists: {
    ringBlacklist: 0.7,
    firstPartyBlacklist: 0.5,
    defaulterGreylist: 0.5,
    greylistDays: 730,
  },
} as const;

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function termEffect(termMonths: number): number {
  const h = SIMULATOR_MODEL.hazard;
  return termMonths <= 3 ? h.termEffect3 : termMonths <= 6 ? h.termEffect6 : h.termEffect12;
}

/** Monthly default hazard at month on book `month` (1-based) for latent z. */
export function monthlyHazard(z: number, month: number, termMonths: number, repeat: boolean): number {
  const h = SIMULATOR_MODEL.hazard;
  const effects = h.monthEffect;
  const monthEffect = effects[Math.min(month, effects.length) - 1];
  return sigmoid(h.alpha + h.beta * z + monthEffect + termEffect(termMonths) + (repeat ? h.repeatEffect : 0));
}

/**
 * The whole hazard curve of a loan, as used for its draws and written to the truth; fraud never pays, so its hazard
 * is 1 from the first month. Rounded to 6 significant digits so the truth file states exactly what was used.
 */
export function hazardCurve(z: number, termMonths: number, repeat: boolean, fraud: boolean): number[] {
  return Array.from({ length: termMonths }, (_, i) => hazardAt(z, i + 1, termMonths, repeat, fraud));
}

/** One month of hazardCurve (the same rounded value), for loans that do not keep their curve while running. */
export function hazardAt(z: number, month: number, termMonths: number, repeat: boolean, fraud: boolean): number {
  return fraud ? 1 : sixDigits(monthlyHazard(z, month, termMonths, repeat));
}

export function lateProbability(z: number): number {
  return sixDigits(sigmoid(SIMULATOR_MODEL.late.alpha + SIMULATOR_MODEL.late.beta * z));
}

export function prepayProbability(z: number): number {
  return sixDigits(sigmoid(SIMULATOR_MODEL.prepay.alpha + SIMULATOR_MODEL.prepay.beta * z));
}

function sixDigits(p: number): number {
  return Number(p.toPrecision(6));
}

/** Expected ring size under the documented size distribution (used to turn the applicant share into a ring rate). */
export function expectedRingSize(): number {
  const r = SIMULATOR_MODEL.rings;
  let mean = r.minSize;
  for (let j = 1; j <= r.maxSize - r.minSize; j++) mean += Math.exp(-j / r.sizeMeanExtra);
  return mean;
}

/**
 * Mean number of single applicants between a ring of `size` and the one before it, so that ring members make up
 * `ringShare` of applicants: size / (size + gap) = ringShare.
 */
export function ringGapMean(size: number): number {
  const s = SIMULATOR_MODEL.segments.ringShare;
  return (size * (1 - s)) / s;
}

/** Days late of an instalment that is paid late and then cured: 1..late.maxDays. */
export function drawLateDays(random: Random): number {
  const l = SIMULATOR_MODEL.late;
  if (random.next() < l.shortShare) return Math.min(l.maxDays, 1 + Math.floor(random.exponential(1 / l.shortMeanDays)));
  return random.between(l.longMinDays, l.maxDays);
}
