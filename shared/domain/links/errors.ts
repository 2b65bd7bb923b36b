import { DomainError } from '../errors.ts';
import type { Bilingual } from '../language.ts';

/** Why a link was refused; stable strings for logs, metrics and the reference's history. */
export type LinkRefusal = 'malformed' | 'altered' | 'expired' | 'scope' | 'used' | 'form';

/**
 * A signed link (or the form posted from it) was refused. `title` and `detail` are what the
 * person sees on the refusal page, in both languages; `message` (for logs) is the English detail.
 * Nothing in a refusal repeats the token or its claims.
 */
export abstract class LinkError extends DomainError {
  abstract readonly refusal: LinkRefusal;
  constructor(
    readonly title: Bilingual,
    readonly detail: Bilingual,
  ) {
    super(detail.en);
  }
}

const OPEN_AGAIN: Bilingual = {
  en: 'Open the link from your latest email or SMS, or ask the district IGRS cell for a new one.',
  hi: 'अपने नवीनतम ईमेल या SMS का लिंक खोलें, या जनपद IGRS प्रकोष्ठ से नया लिंक माँगें।',
};

const join = (first: Bilingual, second: Bilingual): Bilingual => ({
  en: `${first.en} ${second.en}`,
  hi: `${first.hi} ${second.hi}`,
});

/** Not a Nivaran link at all: cut short, wrong shape, bad encoding. */
export class LinkMalformedError extends LinkError {
  override name = 'LinkMalformedError';
  readonly refusal = 'malformed';
  constructor() {
    super(
      { en: 'This link is incomplete', hi: 'यह लिंक अधूरा है' },
      join(
        {
          en: 'The link may have been cut short when it was copied.',
          hi: 'हो सकता है कॉपी करते समय लिंक अधूरा रह गया हो।',
        },
        OPEN_AGAIN,
      ),
    );
  }
}

/** The signature does not match: the link was changed, or was signed with a key since retired. */
export class LinkSignatureError extends LinkError {
  override name = 'LinkSignatureError';
  readonly refusal = 'altered';
  constructor() {
    super(
      { en: 'This link is not valid', hi: 'यह लिंक मान्य नहीं है' },
      join(
        {
          en: 'The link has been altered or is no longer recognised. Nothing was changed.',
          hi: 'लिंक में बदलाव किया गया है या अब यह मान्य नहीं है। कुछ भी नहीं बदला गया।',
        },
        OPEN_AGAIN,
      ),
    );
  }
}

export class LinkExpiredError extends LinkError {
  override name = 'LinkExpiredError';
  readonly refusal = 'expired';
  constructor(readonly expiredAt: Date) {
    super(
      { en: 'This link has expired', hi: 'इस लिंक की समय-सीमा समाप्त हो गई है' },
      join({ en: 'Nothing was changed.', hi: 'कुछ भी नहीं बदला गया।' }, OPEN_AGAIN),
    );
  }
}

/** A genuine link used for something it was not issued for: another purpose, station, district or reference. */
export class LinkScopeError extends LinkError {
  override name = 'LinkScopeError';
  readonly refusal = 'scope';
  constructor(readonly field: 'purpose' | 'referenceNo' | 'stationCode' | 'districtCode' | 'officerId') {
    super(
      { en: 'This link does not open this page', hi: 'यह लिंक इस पृष्ठ के लिए नहीं है' },
      join(
        {
          en: 'The link was issued for another page, station or reference. Nothing was changed.',
          hi: 'यह लिंक किसी अन्य पृष्ठ, थाने या सन्दर्भ के लिए जारी हुआ था। कुछ भी नहीं बदला गया।',
        },
        OPEN_AGAIN,
      ),
    );
  }
}

/** A single-use link whose one use has been taken. */
export class LinkUsedError extends LinkError {
  override name = 'LinkUsedError';
  readonly refusal = 'used';
  constructor() {
    super(
      { en: 'This link has already been used', hi: 'इस लिंक का उपयोग पहले ही हो चुका है' },
      {
        en: 'Each such link can be used once; your earlier response was recorded. Nothing was changed.',
        hi: 'ऐसे लिंक का उपयोग केवल एक बार हो सकता है; आपका पिछला उत्तर दर्ज है। कुछ भी नहीं बदला गया।',
      },
    );
  }
}

/** A form was posted without the token of the page that served it (cross-site forgery, or a stale page). */
export class LinkFormError extends LinkError {
  override name = 'LinkFormError';
  readonly refusal = 'form';
  constructor() {
    super(
      { en: 'This form could not be accepted', hi: 'यह फ़ॉर्म स्वीकार नहीं किया जा सका' },
      join(
        {
          en: 'It did not come from the page of this link. Nothing was changed.',
          hi: 'यह इस लिंक के पृष्ठ से नहीं आया। कुछ भी नहीं बदला गया।',
        },
        OPEN_AGAIN,
      ),
    );
  }
}
