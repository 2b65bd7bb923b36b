/**
 * How alike two complaint texts are, for flagging possible duplicates. Word bigram Jaccard
 * similarity over normalised text: works the same for Hindi (Devanagari) and English, ignores
 * punctuation, case and spacing, and is cheap enough to run against a complainant's recent
 * references on every intake.
 */
function shingles(text: string): Set<string> {
  const words = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (words.length < 2) return new Set(words);
  const grams = new Set<string>();
  for (let i = 0; i < words.length - 1; i++) grams.add(`${words[i]} ${words[i + 1]}`);
  return grams;
}

export function textSimilarity(a: string, b: string): number {
  const left = shingles(a);
  const right = shingles(b);
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return shared / (left.size + right.size - shared);
}
