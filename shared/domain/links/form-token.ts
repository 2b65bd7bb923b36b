import { createHmac, timingSafeEqual } from 'node:crypto';
import { LinkFormError } from './errors.ts';
import { derivedKey, KID_PATTERN, type LinkKeyring } from './keyring.ts';

/**
 * Form tokens against cross-site forgery: `<kid>.<base64url(HMAC-SHA256(formKey, linkToken))[128 bits]>`,
 * under a key derived for forms only. The page a link opens carries the token in a hidden field
 * (FORM_TOKEN_FIELD); the POST must bring it back together with the very same link token.
 * Verify the link token itself first (verifyLinkToken): this only binds the form to it.
 */
export const FORM_TOKEN_FIELD = 'formToken';
const TAG_BYTES = 16;

function formTag(keyring: LinkKeyring, kid: string, linkToken: string): Buffer | undefined {
  const key = derivedKey(keyring, kid, 'form');
  return key && createHmac('sha256', key).update(linkToken).digest().subarray(0, TAG_BYTES);
}

export function formToken(linkToken: string, keyring: LinkKeyring): string {
  const tag = formTag(keyring, keyring.current, linkToken);
  if (!tag) throw new Error(`Link keyring: current key '${keyring.current}' is not among its keys`);
  return `${keyring.current}.${tag.toString('base64url')}`;
}

/** Throws LinkFormError unless `token` is the form token of `linkToken` under a key in the ring. */
export function verifyFormToken(token: unknown, linkToken: string, keyring: LinkKeyring): void {
  if (typeof token !== 'string' || token.length > 64) throw new LinkFormError();
  const [kid = '', tagText = '', ...rest] = token.split('.');
  if (rest.length > 0 || !KID_PATTERN.test(kid)) throw new LinkFormError();
  const given = Buffer.from(tagText, 'base64url');
  const expected = formTag(keyring, kid, linkToken);
  if (
    !expected ||
    given.length !== TAG_BYTES ||
    given.toString('base64url') !== tagText ||
    !timingSafeEqual(expected, given)
  ) {
    throw new LinkFormError();
  }
}
