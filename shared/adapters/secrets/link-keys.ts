import { type LinkKeyring, parseKeyring } from '../../domain/links/keyring.ts';
import { readSecret } from './secrets.ts';

/** The platform secret holding the link-signing keyring (JSON keyring or one plain key). */
export const LINK_SIGNING_SECRET = 'linkSigningKey';

let parsed: { text: string; keyring: LinkKeyring } | undefined;

/**
 * The link-signing keyring. readSecret keeps the secret's text for a few minutes and then reads
 * it again, so a rotation reaches warm containers; the parsed ring is kept while the text is the same.
 */
export async function linkKeyring(): Promise<LinkKeyring> {
  const text = await readSecret(LINK_SIGNING_SECRET);
  if (parsed?.text !== text) parsed = { text, keyring: parseKeyring(text) };
  return parsed.keyring;
}
