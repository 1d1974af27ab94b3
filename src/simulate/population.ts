// The raw identifiers of everyone in the world, applicants and the strangers in their address books, derived from a
// person index by seeded bijections: no table of people is kept. Also the shared infrastructure that makes naive
// graph links noisy: public IPs (cafés, campus) and hub phone numbers that appear in very many contact lists.

import type { Random } from '../core/index.js';
import {
  CONSUMER_BLOCKS, ID_SLOTS, Scramble, bankCardNumber, consumerIp, mobileNumber, residentIdNumber,
} from './identifier-formats.js';
import { homeAddress } from './name-pools.js';

const PHONE_SPACE = 1_000_000_000;
const HUB_PHONES = 20;
const PUBLIC_IPS = 40;

export class Population {
  private readonly phones: Scramble;
  private readonly ids: Scramble;
  private readonly cards: Scramble;
  private readonly blocks: Scramble;
  private readonly strangerSpace: number;
  private readonly addressSpace: number;
  private readonly homeBlocks: number;
  private readonly addressOffset: number;
  readonly publicIps: readonly string[];
  readonly hubPhones: readonly string[];

  constructor(random: Random, private readonly applicants: number) {
    this.phones = new Scramble(PHONE_SPACE, 387_420_489, random.int(PHONE_SPACE));
    this.ids = new Scramble(ID_SLOTS, 7_368_787, random.int(ID_SLOTS));
    this.cards = new Scramble(PHONE_SPACE, 282_475_249, random.int(PHONE_SPACE));
    this.blocks = new Scramble(CONSUMER_BLOCKS, 16_777_259, random.int(CONSUMER_BLOCKS));
    this.strangerSpace = Math.max(1, Math.min(100 * applicants, PHONE_SPACE - HUB_PHONES - applicants));
    // About 1% of applicants share a home address with a stranger by chance; families and dormitories add the rest.
    this.addressSpace = 100 * applicants + 1000;
    this.addressOffset = random.int(1_000_000_000);
    // About 20 applicants per consumer /24 network.
    this.homeBlocks = Math.min(CONSUMER_BLOCKS, Math.max(500, Math.ceil(applicants / 20)));
    this.hubPhones = Array.from({ length: HUB_PHONES }, (_, i) => this.phoneOf(PHONE_SPACE - 1 - i));
    this.publicIps = Array.from({ length: PUBLIC_IPS }, () => consumerIp(this.blocks.map(random.int(CONSUMER_BLOCKS)), random.between(1, 254)));
  }

  /** The applicant's own mobile number (applicants are persons 0..applicants-1). */
  phoneOf(person: number): string {
    return mobileNumber(this.phones.map(person));
  }

  idNumberOf(person: number, birth: Date): string {
    return residentIdNumber(this.ids.map(person % ID_SLOTS), birth);
  }

  cardOf(person: number): string {
    return bankCardNumber(this.cards.map(person), (Math.imul(person, 2654435761) >>> 0) >>> 8);
  }

  /** A person outside the applicants: someone in an address book, a SIM bought for a fraud ring. */
  strangerOf(random: Random): number {
    return this.applicants + random.int(this.strangerSpace);
  }

  strangerPhone(random: Random): string {
    return this.phoneOf(this.strangerOf(random));
  }

  hubPhone(random: Random): string {
    return random.pick(this.hubPhones);
  }

  homeAddress(random: Random): string {
    return homeAddress(this.addressOffset + random.int(this.addressSpace));
  }

  homeIp(random: Random): string {
    return consumerIp(this.blocks.map(random.int(this.homeBlocks)), random.between(1, 254));
  }

  publicIp(random: Random): string {
    return random.pick(this.publicIps);
  }
}
