import { randomInt } from 'node:crypto';
import type { Clock, RandomSource } from '../domain/ports.ts';

export const systemClock: Clock = { now: () => new Date() };

// Crockford's base32 without I, L, O, U: nothing to confuse when read over the phone.
const SECRET_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const cryptoRandom: RandomSource = {
  digits: (count) => Array.from({ length: count }, () => String(randomInt(10))).join(''),
  secret: (length) =>
    Array.from({ length }, () => SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)]).join(''),
};
