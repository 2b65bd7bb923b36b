import type { Complainant } from './types.ts';

/**
 * What stands for the complainant in the per-person keys (the monthly limit, the complainant index,
 * the possible-duplicate check): the mobile number, or for a complainant who gave only an email (an
 * Open311 client's user often has no phone) the email, marked so it can never equal a number.
 */
export const contactKey = (complainant: Pick<Complainant, 'mobile' | 'email'>): string =>
  complainant.mobile ?? `email:${complainant.email ?? ''}`;
