import type { Bilingual } from './language.ts';

/**
 * The one rule for free text a person will read (a complainant's name, address, locality and
 * description; an officer's findings, action taken and remarks): it must show what it says.
 * Refused: control characters (other than tab and line breaks); lone surrogates (half of a
 * character, which breaks storage, mail and SMS downstream); and every invisible or format
 * character that can hide or reorder text: bidirectional overrides, embeddings, isolates and marks
 * (U+202A-202E, U+2066-2069, U+200E/200F, U+061C), zero-width spaces and word joiners (U+200B,
 * U+2060, U+FEFF), soft hyphens, tag characters, Hangul fillers and the rest of Unicode's
 * default-ignorable and format (Cf) characters, and noncharacters.
 *
 * Kept, because words need them: the zero-width non-joiner and joiner (U+200C, U+200D) inside a
 * word (Devanagari conjuncts and half forms, emoji sequences) and an emoji variation selector
 * (U+FE0E, U+FE0F) right after a character. A joiner at either end of the text, beside a space or
 * beside another joiner hides nothing a word needs, so it is refused too. Text must also hold at
 * least one letter or digit, so a name of only marks or symbols is refused.
 */

export type TextProblemCode = 'control-characters' | 'broken-characters' | 'hidden-characters' | 'no-letters';

export interface TextProblem {
  code: TextProblemCode;
  message: Bilingual;
}

const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const VARIATION_SELECTORS = new Set([0xfe0e, 0xfe0f]);

const CONTROL = /(?![\t\n\r])\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;
/** Format, default-ignorable and noncharacter code points, plus the braille blank that renders as nothing. */
const HIDDEN = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\u2800]/u;
const SPACE = /\s/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

const MESSAGES: Record<TextProblemCode, Bilingual> = {
  'control-characters': {
    en: 'Must not contain control characters',
    hi: 'इसमें नियंत्रण वर्ण नहीं होने चाहिए',
  },
  'broken-characters': {
    en: 'Contains a broken character (half of a surrogate pair); retype the text',
    hi: 'इसमें एक टूटा हुआ वर्ण (सरोगेट जोड़ी का आधा भाग) है; पाठ फिर से लिखें',
  },
  'hidden-characters': {
    en: 'Contains invisible characters (zero-width spaces, direction overrides or similar) that can hide or reorder text; remove them',
    hi: 'इसमें अदृश्य वर्ण (शून्य-चौड़ाई स्पेस, दिशा बदलने वाले वर्ण आदि) हैं जो पाठ को छिपा या उलट सकते हैं; इन्हें हटाएँ',
  },
  'no-letters': {
    en: 'Must contain letters or digits',
    hi: 'इसमें अक्षर या अंक होने चाहिए',
  },
};

/** A joiner's neighbour that is part of the same word: not a space, not a joiner, not hidden. */
function inWord(char: string | undefined): boolean {
  if (char === undefined || SPACE.test(char)) return false;
  const code = char.codePointAt(0)!;
  if (code === ZWJ || code === ZWNJ) return false;
  return VARIATION_SELECTORS.has(code) || !HIDDEN.test(char);
}

function hasHiddenCharacters(text: string): boolean {
  if (!HIDDEN.test(text)) return false;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (!HIDDEN.test(char)) continue;
    const code = char.codePointAt(0)!;
    const before = chars[i - 1];
    if ((code === ZWJ || code === ZWNJ) && inWord(before) && inWord(chars[i + 1])) continue;
    if (VARIATION_SELECTORS.has(code) && before !== undefined && !SPACE.test(before) && !HIDDEN.test(before))
      continue;
    return true;
  }
  return false;
}

/** Why a text a person will read cannot be kept as typed, or undefined when it can. */
export function readableTextProblem(text: string): TextProblem | undefined {
  const code: TextProblemCode | undefined = LONE_SURROGATE.test(text)
    ? 'broken-characters'
    : CONTROL.test(text)
      ? 'control-characters'
      : hasHiddenCharacters(text)
        ? 'hidden-characters'
        : text.trim() !== '' && !LETTER_OR_DIGIT.test(text)
          ? 'no-letters'
          : undefined;
  return code ? { code, message: MESSAGES[code] } : undefined;
}

/** The form a readable text is kept in: NFC (so one word has one spelling) and trimmed. */
export const normalText = (text: string): string => text.normalize('NFC').trim();
