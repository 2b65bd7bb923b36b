import { createHmac } from 'node:crypto';

/**
 * Link-signing keys by key id. Links are signed with `current` and verified with whichever key
 * their id names, so a key is rotated by adding a new one as `current`, and retired (its links
 * stop working) by removing it once its longest-lived links have expired.
 */
export interface LinkKeyring {
  current: string;
  keys: Record<string, Buffer | string>;
}

/** Key ids travel in every link: short, URL-safe. */
export const KID_PATTERN = /^[A-Za-z0-9_-]{1,8}$/;
/** Below this a key is a configuration mistake (an empty or placeholder secret), not a key. */
const MIN_KEY_BYTES = 16;

/** Throws on a keyring that could not sign or verify safely. */
export function checkKeyring(keyring: LinkKeyring): LinkKeyring {
  if (!Object.hasOwn(keyring.keys, keyring.current)) {
    throw new Error(`Link keyring: current key '${keyring.current}' is not among its keys`);
  }
  for (const [kid, key] of Object.entries(keyring.keys)) {
    if (!KID_PATTERN.test(kid)) throw new Error(`Link keyring: key id '${kid}' must match ${KID_PATTERN}`);
    const length = typeof key === 'string' ? Buffer.byteLength(key, 'utf8') : key.length;
    if (length < MIN_KEY_BYTES)
      throw new Error(`Link keyring: key '${kid}' is shorter than ${MIN_KEY_BYTES} bytes`);
  }
  return keyring;
}

/**
 * The keyring in a secret's text: either JSON `{"current":"k2","keys":{"k1":"…","k2":"…"}}` or a
 * plain string, which is one key with id 'k1'. Key strings are used as their UTF-8 bytes.
 */
export function parseKeyring(text: string): LinkKeyring {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return checkKeyring({ current: 'k1', keys: { k1: trimmed } });
  let value: { current?: unknown; keys?: unknown };
  try {
    value = JSON.parse(trimmed) as typeof value;
  } catch {
    // Not the parser's message: it quotes the text, which holds the keys.
    throw new Error('Link keyring: the secret starts with { but is not valid JSON');
  }
  if (typeof value?.current !== 'string' || typeof value.keys !== 'object' || value.keys === null) {
    throw new Error('Link keyring: expected {"current": "<kid>", "keys": {"<kid>": "<key>"}}');
  }
  const keys: Record<string, string> = {};
  for (const [kid, key] of Object.entries(value.keys)) {
    if (typeof key !== 'string') throw new Error(`Link keyring: key '${kid}' is not a string`);
    keys[kid] = key;
  }
  return checkKeyring({ current: value.current, keys });
}

/** What each derived key is for; one secret never signs two kinds of thing. */
export type KeyUse = 'link' | 'form' | 'status';

/** The key for one use, derived from the keyring's key `kid` (undefined when the ring lacks it). */
export function derivedKey(keyring: LinkKeyring, kid: string, use: KeyUse): Buffer | undefined {
  if (!Object.hasOwn(keyring.keys, kid)) return undefined;
  const key = keyring.keys[kid]!;
  return createHmac('sha256', key).update(`nivaran/${use}/v1`).digest();
}
