// A fraud ring: 3-30 synthetic identities run by one handler, who share pools of devices, SIM cards, IPs, addresses,
// bank cards and contacts and apply in one burst of hours to days. The ring only lives while its members apply.
// Members never repay (their hazard is 1 from month 1); that part is the loan's, not the ring's.

import { HOUR_MS, MINUTE_MS, type Random } from '../core/index.js';
import type { ApplicantProfile, ContactEntry } from './applicant-profile.js';
import { deviceFingerprint, flat, hostingIp } from './identifier-formats.js';
import { homeAddress, personName } from './name-pools.js';
import type { Population } from './population.js';
import { SIMULATOR_MODEL } from './simulator-model.js';

export class FraudRing {
  readonly burstHours: number;
  /** Application times of the members, ascending; the first applies 20 minutes after the ring appears. */
  readonly applyTimes: number[];
  readonly handler: ContactEntry;
  private readonly devices: { fingerprint: string; os: string }[];
  private readonly ips: string[];
  private readonly addresses: string[];
  private readonly phones: string[];
  private readonly cards: string[];
  private readonly contactPool: string[];

  constructor(
    readonly id: string,
    readonly startMs: number,
    /** Drawn by the arrival process: min(maxSize, minSize + floor(Exp(mean sizeMeanExtra))), capped by who is left. */
    readonly size: number,
    latestApplyMs: number,
    population: Population,
    random: Random,
  ) {
    const r = SIMULATOR_MODEL.rings;
    this.burstHours = r.burstMinHours + random.next() * (r.burstMaxHours - r.burstMinHours);
    const first = startMs + 20 * MINUTE_MS;
    const span = Math.max(0, Math.min(this.burstHours * HOUR_MS, latestApplyMs - first));
    this.applyTimes = [first];
    for (let i = 1; i < this.size; i++) this.applyTimes.push(first + Math.floor(random.next() * span));
    this.applyTimes.sort((a, b) => a - b);
    const pool = <T>(divisor: number, make: () => T): T[] => Array.from({ length: 1 + Math.floor(this.size / divisor) }, make);
    this.devices = pool(r.deviceDivisor, () => ({ fingerprint: deviceFingerprint(random), os: flat(`Android ${random.between(8, 12)}`) }));
    this.ips = pool(r.ipDivisor, () => hostingIp(random));
    this.addresses = pool(r.addressDivisor, () => homeAddress(random.int(2 ** 31)));
    this.phones = pool(r.phoneDivisor, () => population.strangerPhone(random));
    this.cards = pool(r.cardDivisor, () => population.cardOf(population.strangerOf(random)));
    this.handler = { phone: population.strangerPhone(random), name: personName(random), relation: 'friend' };
    this.contactPool = Array.from({ length: random.between(r.contactPoolMin, r.contactPoolMax) }, () => population.strangerPhone(random));
  }

  /** Replaces a member's own identifiers by the ring's shared ones, each with its documented probability. */
  dress(profile: ApplicantProfile, random: Random): void {
    const r = SIMULATOR_MODEL.rings;
    if (random.chance(r.deviceUse)) Object.assign(profile, random.pick(this.devices));
    if (random.chance(r.ipUse)) profile.homeIp = random.pick(this.ips);
    if (random.chance(r.addressUse)) profile.homeAddress = random.pick(this.addresses);
    if (random.chance(r.phoneUse)) profile.phone = random.pick(this.phones);
    if (random.chance(r.cardUse)) profile.bankCard = random.pick(this.cards);
    profile.emergencyContacts = [this.handler];
    profile.relative = null;
  }

  /** The ring's part of a member's address book: 1..3 of the pooled phones. */
  ringContacts(random: Random): ContactEntry[] {
    const picked = random.shuffle(this.contactPool.slice()).slice(0, random.between(1, Math.min(3, this.contactPool.length)));
    return picked.map((phone) => ({ phone, relation: random.pick(['friend', 'colleague', 'other'] as const) }));
  }
}
