// Realistic but fake raw identifiers: 18-digit resident ID numbers with their ISO 7064 check character, 11-digit
// mobile numbers, Luhn-valid bank cards, IPv4 addresses and device fingerprints. Unique values come from a bijective
// scramble of a person index, so no lookup table is needed and memory stays flat. Not a source of randomness.

import type { Random } from '../core/index.js';

/** (a · b) mod m without leaving the exact range of doubles (a, b < m ≤ 2^31). */
export function mulmod(a: number, b: number, m: number): number {
  const hi = Math.floor(b / 32768);
  const lo = b % 32768;
  return (((a * hi) % m) * 32768 + a * lo) % m;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** A bijection of [0, modulus): index -> (index + offset) · multiplier mod modulus. */
export class Scramble {
  constructor(private readonly modulus: number, private readonly multiplier: number, private readonly offset: number) {
    if (gcd(multiplier, modulus) !== 1) throw new Error(`scramble multiplier ${multiplier} shares a factor with ${modulus}`);
  }

  map(index: number): number {
    return mulmod((index + this.offset) % this.modulus, this.multiplier, this.modulus);
  }
}

// Province codes of the resident ID; city 01-18 and county 01-17 are synthesised under each.
const PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65];
const CITIES = 18;
const COUNTIES = 17;
export const ID_SLOTS = PROVINCES.length * CITIES * COUNTIES * 1000;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Resident ID for an ID slot (unique per slot) and a birth date: region(6) + yyyymmdd(8) + sequence(3) + check(1). */
export function residentIdNumber(slot: number, birth: Date): string {
  const seq = slot % 1000;
  let region = Math.floor(slot / 1000);
  const county = (region % COUNTIES) + 1;
  region = Math.floor(region / COUNTIES);
  const city = (region % CITIES) + 1;
  const province = PROVINCES[Math.floor(region / CITIES) % PROVINCES.length];
  const body =
    `${province}${pad(city, 2)}${pad(county, 2)}` +
    `${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}${pad(seq, 3)}`;
  return flat(body + idCheckCharacter(body));
}

const MOBILE_SECOND_DIGIT = '35789';

/** An 11-digit mobile number 1[35789]xxxxxxxxx; unique for distinct values of `scrambled` below 10^9. */
export function mobileNumber(scrambled: number): string {
  return flat(`1${MOBILE_SECOND_DIGIT[scrambled % 5]}${pad(scrambled, 9)}`);
}

export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  let double = true;
  for (let i = payload.length - 1; i >= 0; i--) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

export function isLuhnValid(card: string): boolean {
  return luhnCheckDigit(card.slice(0, -1)) === card.charCodeAt(card.length - 1) - 48;
}

// Issuer prefixes and the card length each issues (debit cards of large retail banks are often 19 digits).
const CARD_BINS: readonly [string, number][] = [
  ['622202', 19], ['621700', 19], ['622848', 19], ['621661', 19], ['436742', 16], ['622588', 16], ['625965', 16], ['603367', 19],
];

/** A Luhn-valid card number, unique for distinct values of `scrambled` below 10^9. */
export function bankCardNumber(scrambled: number, salt: number): string {
  const [bin, length] = CARD_BINS[salt % CARD_BINS.length];
  const filler = length - 6 - 9 - 1;
  const middle = filler > 0 ? pad(Math.floor(salt / CARD_BINS.length) % 10 ** filler, filler) : '';
  const payload = bin + middle + pad(scrambled, 9);
  return flat(payload + luhnCheckDigit(payload));
}

// First octets of networks common for consumer broadband and mobile; hosting ranges are used for fraud proxies.
const CONSUMER_OCTETS = [36, 39, 42, 49, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 180, 182, 183, 202, 211, 218, 219, 220, 221, 222, 223];
export const CONSUMER_BLOCKS = CONSUMER_OCTETS.length * 65536;

/** The IPv4 address `host` (1..254) in consumer /24 block `block` (< CONSUMER_BLOCKS). */
export function consumerIp(block: number, host: number): string {
  const first = CONSUMER_OCTETS[block % CONSUMER_OCTETS.length];
  const rest = Math.floor(block / CONSUMER_OCTETS.length);
  return flat(`${first}.${rest % 256}.${Math.floor(rest / 256) % 256}.${host}`);
}

export function hostingIp(random: Random): string {
  return flat(`${random.pick([45, 103, 104, 154, 156])}.${random.int(256)}.${random.int(256)}.${random.between(1, 254)}`);
}

/** 32 hex characters: a device fingerprint as an SDK would report it. */
export function deviceFingerprint(random: Random): string {
  const words: string[] = [];
  for (let i = 0; i < 4; i++) words.push(random.nextUint32().toString(16).padStart(8, '0'));
  return flat(words.join(''));
}

/**
 * Makes V8 turn a string built by concatenation (a rope of many small objects) into one flat string: converting it
 * to a number reads it whole. Long-lived strings (an applicant's identifiers) would otherwise cost a rope each.
 */
export function flat(text: string): string {
  flatSink ^= (text as unknown as number) | 0;
  return text;
}
let flatSink = 0;

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
