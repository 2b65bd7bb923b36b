/**
 * FNV-1a: a stable 32-bit hash of a string, the same on every run and machine. The demo seed
 * derives its made-up stations and officers' numbers from it, so every machine seeds the same data.
 */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
