// Who an applicant is: latent creditworthiness, the noisy covariates a lender observes, raw identifiers, contacts
// and the relative link that gives thin-file applicants their only signal. Drawn once per applicant from its own
// Random, so the profile does not depend on what else the world did. Not the applicant's life (applicant-actor.ts).

import type { ApplicationSubmittedData, } from '../ingest/index.js';
import type { Random } from '../core/index.js';
import { deviceFingerprint, flat } from './identifier-formats.js';
import {
  BIG_EMPLOYER_COUNT, bigEmployer, dormitoryAddress, personName, smallEmployer, surnameOf, workAddressOf,
} from './name-pools.js';
import type { Population } from './population.js';
import type { RelativePool } from './relative-pool.js';
import { SIMULATOR_MODEL, sigmoid } from './simulator-model.js';
import type { LinkVia, Segment } from './world-types.js';

export type ContactEntry = ApplicationSubmittedData['contacts'][number];

export interface ApplicantProfile {
  readonly index: number;
  readonly segment: Segment;
  readonly latent: number;
  /** The z the covariates were drawn from: the latent itself, or independent of it (thin-file), or faked (rings). */
  readonly covariateLatent: number;
  idNumber: string;
  phone: string;
  name: string;
  birthYear: number;
  income: number;
  incomeReported: boolean;
  employer?: string;
  workAddress?: string;
  homeAddress: string;
  fingerprint: string;
  os: string;
  homeIp: string;
  bankCard: string;
  emergencyContacts: ContactEntry[];
  requestedAmount: number;
  termMonths: number;
  channel: string;
  relative: { idNumber: string; latent: number; via: LinkVia[] } | null;
}

export interface ProfileWorld {
  readonly population: Population;
  readonly relatives: RelativePool;
  readonly applicants: number;
}

const CHANNELS = ['app_store', 'referral', 'ads', 'partner_api', 'h5_web'] as const;
const RELATIONS: readonly ContactEntry['relation'][] = ['friend', 'colleague', 'sibling', 'other', 'parent'];
const RELATION_WEIGHTS = [0.4, 0.25, 0.1, 0.2, 0.05];

/**
 * One string per value for the few values very many applicants hold (OS versions, big employers' sites and dormitories):
 * an active applicant is held for months, and a fresh copy each would cost tens of bytes per applicant.
 */
const SHARED = new Map<string, string>();

function shared(key: string, make: (key: string) => string): string {
  let value = SHARED.get(key);
  if (value === undefined) SHARED.set(key, (value = make(key)));
  return value;
}

export function createProfile(world: ProfileWorld, random: Random, index: number, segment: Segment, appliedAt: number): ApplicantProfile {
  const m = SIMULATOR_MODEL;
  const thin = segment === 'thin_file';
  const anchor = thin || (segment === 'normal' && random.chance(m.latent.normalRelativeShare))
    ? world.relatives.pick(random)
    : undefined;
  const rho = m.latent.relativeCorrelation;
  const noise = random.normal();
  const shift = thin ? m.latent.thinFileShift : 0;
  // Rounded to 6 decimals so the truth file holds exactly the latent the hazards were computed from.
  const latent = Math.round((shift + (anchor ? rho * anchor.latent + Math.sqrt(1 - rho * rho) * noise : noise)) * 1e6) / 1e6;
  const covariateLatent =
    segment === 'thin_file' ? random.normal() : segment === 'ring_member' ? random.normal(m.latent.ringProfileMean, 1) : latent;
  const c = m.covariates;
  const zc = covariateLatent;

  const age = Math.min(65, Math.max(18, Math.round(c.ageMean + c.ageLatent * zc + random.normal(0, c.ageNoise))));
  const year = new Date(appliedAt).getUTCFullYear() - age;
  const birth = new Date(Date.UTC(year, 0, 1) + random.int(365) * 86_400_000);
  const name = personName(random, anchor && random.chance(0.7) ? surnameOf(anchor.name) : undefined);
  const income = Math.exp(c.logIncomeMean + c.logIncomeLatent * zc + random.normal(0, c.logIncomeNoise));
  const employed = random.chance(thin ? c.thinEmployed : sigmoid(c.employedAlpha + c.employedBeta * zc));
  let homeAddress = world.population.homeAddress(random);
  let employer: string | undefined;
  let workAddress: string | undefined;
  if (employed) {
    if (random.chance(c.bigEmployerShare)) {
      const big = random.int(BIG_EMPLOYER_COUNT);
      employer = bigEmployer(big);
      const site = big * 16 + random.int(3);
      workAddress = shared(`work:${site}`, () => workAddressOf(bigEmployer(big), site));
      if (random.chance(c.dormitoryShare)) {
        const block = random.int(3);
        homeAddress = shared(`dormitory:${big}:${block}`, () => dormitoryAddress(big, block));
      }
    } else {
      const small = random.int(Math.max(1, Math.floor(world.applicants / 5)));
      employer = smallEmployer(small);
      workAddress = workAddressOf(employer, small);
    }
  }
  let fingerprint = deviceFingerprint(random);
  let os = random.chance(sigmoid(c.iosAlpha + c.iosBeta * zc))
    ? shared(`iOS ${random.between(15, 17)}.${random.int(6)}`, flat)
    : shared(`Android ${random.between(10, 14)}`, flat);

  const amountFactor = segment === 'ring_member' ? m.rings.requestedAmountFactor : segment === 'first_party_fraud' ? c.firstPartyAmountFactor : 1;
  const requested = income * Math.exp(random.normal(-c.amountLatent * zc, c.amountNoise)) * amountFactor;
  const requestedAmount = Math.min(c.maxAmount, Math.max(c.minAmount, Math.round(requested / 100) * 100));
  const termWeights = [c.term3, c.term6, c.term12].map(([base, loading]) => base * Math.exp(loading * zc));
  const termMonths = m.loan.terms[random.weighted(termWeights)];
  const channelWeights = [c.channelAppStore, c.channelReferral, c.channelAds, c.channelPartnerApi, c.channelH5Web]
    .map(([base, loading]) => base * Math.exp(loading * zc));
  const channel = CHANNELS[random.weighted(channelWeights)];

  const emergencyContacts: ContactEntry[] = [];
  let relative: ApplicantProfile['relative'] = null;
  if (anchor) {
    const via: LinkVia[] = ['contact'];
    emergencyContacts.push({ phone: anchor.phone, name: anchor.name, relation: random.pick(['parent', 'sibling', 'spouse', 'child'] as const) });
    if (random.chance(m.latent.viaAddress)) {
      homeAddress = anchor.homeAddress;
      via.push('address');
    }
    if (anchor.employer !== undefined && random.chance(m.latent.viaEmployer)) {
      employer = anchor.employer;
      workAddress = anchor.workAddress;
      via.push('employer');
    }
    if (random.chance(m.latent.viaDevice)) {
      fingerprint = anchor.fingerprint;
      os = anchor.os;
      via.push('device');
    }
    relative = { idNumber: anchor.idNumber, latent: anchor.latent, via: via.slice() };
  }
  if (emergencyContacts.length === 0 || random.chance(0.5)) {
    emergencyContacts.push({
      phone: world.population.strangerPhone(random),
      name: personName(random, surnameOf(name)),
      relation: random.pick(['parent', 'sibling', 'spouse'] as const),
    });
  }

  return {
    index, segment, latent, covariateLatent,
    idNumber: world.population.idNumberOf(index, birth),
    phone: world.population.phoneOf(index),
    name,
    birthYear: year,
    income,
    incomeReported: random.chance(thin ? c.thinIncomeReported : c.incomeReported),
    employer,
    workAddress,
    homeAddress,
    fingerprint,
    os,
    homeIp: world.population.homeIp(random),
    bankCard: world.population.cardOf(index),
    // slice(): an applicant is held for months, and a pushed-to array keeps spare capacity.
    emergencyContacts: emergencyContacts.slice(),
    requestedAmount,
    termMonths,
    channel,
    relative,
  };
}

/** The uploaded address book: drawn afresh at every application (people's contact lists change between loans). */
export function drawContacts(world: ProfileWorld, random: Random, profile: ApplicantProfile): ContactEntry[] {
  const c = SIMULATOR_MODEL.covariates;
  const count = profile.segment === 'thin_file'
    ? random.int(c.thinContactsMax + 1)
    : random.poisson(c.contactsBase + c.contactsLatent * sigmoid(profile.covariateLatent));
  const contacts: ContactEntry[] = [];
  for (let i = 0; i < count; i++) {
    const relation = RELATIONS[random.weighted(RELATION_WEIGHTS)];
    const r = random.next();
    const known = r < c.hubContactShare + c.applicantContactShare ? world.relatives.pick(random) : undefined;
    if (r < c.hubContactShare) contacts.push({ phone: world.population.hubPhone(random), relation: 'other' });
    else if (known) contacts.push({ phone: known.phone, name: known.name, relation });
    else contacts.push({ phone: world.population.strangerPhone(random), name: personName(random), relation });
  }
  return contacts;
}

/** The public face of the profile as the lender receives it. */
export function applicationData(
  profile: ApplicantProfile,
  applicationId: string,
  ip: string,
  contacts: ContactEntry[],
): ApplicationSubmittedData {
  const applicant: ApplicationSubmittedData['applicant'] = {
    idNumber: profile.idNumber, phone: profile.phone, name: profile.name, birthYear: profile.birthYear,
  };
  if (profile.incomeReported) applicant.monthlyIncome = Math.round(profile.income / 100) * 100;
  const data: ApplicationSubmittedData = {
    applicationId,
    applicant,
    device: { fingerprint: profile.fingerprint, ip, os: profile.os },
    bankCard: profile.bankCard,
    homeAddress: profile.homeAddress,
    contacts,
    emergencyContacts: profile.emergencyContacts,
    requestedAmount: profile.requestedAmount,
    termMonths: profile.termMonths,
    channel: profile.channel,
  };
  if (profile.workAddress !== undefined) data.workAddress = profile.workAddress;
  if (profile.employer !== undefined) data.employer = profile.employer;
  return data;
}
