import { createHash } from 'node:crypto';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Keys and indexes carry a hash of the mobile number, never the number itself. */
export const mobileHash = (mobile: string): string => sha256(`nivaran:mobile:${mobile}`).slice(0, 32);
