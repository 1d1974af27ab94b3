// Sortable ids: a prefix, 10 characters of time and 16 of randomness (ULID layout, Crockford base32).
// Time and randomness come from the injected Clock and Random, so ids are reproducible in tests and replays.

import type { Clock } from './clock.js';
import type { Random } from './random.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newId(prefix: string, clock: Clock, random: Random): string {
  let time = clock.now();
  let timePart = '';
  for (let i = 0; i < 10; i++) {
    timePart = ALPHABET[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  let randomPart = '';
  for (let i = 0; i < 16; i++) randomPart += ALPHABET[random.int(32)];
  return `${prefix}_${timePart}${randomPart}`;
}

/** Extracts the creation time (ms) from an id made by newId. */
export function idTime(id: string): number {
  const body = id.slice(id.indexOf('_') + 1, id.indexOf('_') + 11);
  let time = 0;
  for (const ch of body) time = time * 32 + ALPHABET.indexOf(ch);
  return time;
}
