import {
  type DomainError,
  IdempotencyMismatchError,
  InvalidFieldsError,
  RateLimitedError,
  UnavailableError,
} from '../../domain/errors.ts';
import type { Bilingual } from '../../domain/language.ts';
import { AttachmentRefusedError } from '../../domain/officer-work/attachments.ts';
import { TransitionError } from '../../domain/reference/lifecycle.ts';
import { HttpProblem } from './problem.ts';

/** The HTTP meaning of each domain error; the domain itself knows nothing of HTTP. */
export function domainErrorToProblem(error: DomainError): HttpProblem {
  if (error instanceof InvalidFieldsError) {
    return new HttpProblem(
      422,
      'validation',
      { en: 'Some fields are missing or invalid', hi: 'कुछ फ़ील्ड अनुपस्थित या अमान्य हैं' },
      { errors: error.issues },
    );
  }
  if (error instanceof RateLimitedError && error.kind === 'tracking-attempts') {
    return new HttpProblem(
      429,
      'too-many-attempts',
      {
        en: 'Too many attempts for this reference number; try again later',
        hi: 'इस सन्दर्भ संख्या के लिए बहुत अधिक प्रयास; बाद में प्रयास करें',
      },
      { headers: { 'retry-after': String(error.retryAfterSeconds) } },
    );
  }
  if (error instanceof RateLimitedError) {
    return new HttpProblem(
      429,
      'too-many-complaints',
      {
        en: 'This mobile number has reached its monthly limit of complaints',
        hi: 'इस मोबाइल नंबर से इस माह की शिकायतों की सीमा पूरी हो गई है',
      },
      {
        detail: {
          en: `At most ${error.limit} new complaints per mobile number per month. Existing complaints can still be tracked.`,
          hi: `एक मोबाइल नंबर से एक माह में अधिकतम ${error.limit} नई शिकायतें। पुरानी शिकायतें अब भी देखी जा सकती हैं।`,
        },
        headers: { 'retry-after': String(error.retryAfterSeconds) },
      },
    );
  }
  if (error instanceof IdempotencyMismatchError) {
    return new HttpProblem(422, 'idempotency-key-reused', {
      en: 'This Idempotency-Key was already used with a different request',
      hi: 'यह Idempotency-Key पहले किसी अन्य अनुरोध के साथ उपयोग हो चुकी है',
    });
  }
  if (error instanceof UnavailableError) {
    return new HttpProblem(
      503,
      'unavailable',
      {
        en: 'The complaint could not be registered just now; nothing was saved. Please try again.',
        hi: 'शिकायत अभी दर्ज नहीं हो सकी; कुछ भी सहेजा नहीं गया। कृपया फिर से प्रयास करें।',
      },
      { headers: { 'retry-after': '5' }, cause: error },
    );
  }
  if (error instanceof AttachmentRefusedError) return attachmentProblem(error);
  if (error instanceof TransitionError) {
    return new HttpProblem(
      409,
      'not-possible-now',
      { en: 'Not possible now', hi: 'अभी संभव नहीं' },
      { detail: error.explanation },
    );
  }
  return new HttpProblem(400, 'bad-request', {
    en: 'The request cannot be processed',
    hi: 'अनुरोध संसाधित नहीं हो सकता',
  });
}

const MIB = 1024 * 1024;

/** A refused attachment: its status, problem type and words (a page shows the same, page-errors.ts). */
function attachmentProblem(error: AttachmentRefusedError): HttpProblem {
  const limitMb = (error.limit ?? 0) / MIB;
  const [status, code, title, detail]: [number, string, Bilingual, Bilingual] = (() => {
    switch (error.refusal) {
      case 'malformed-upload':
        return [
          400,
          'malformed-upload',
          { en: 'The upload could not be read', hi: 'अपलोड पढ़ा नहीं जा सका' },
          {
            en: 'The form did not arrive whole. Go back, choose the file again and attach it.',
            hi: 'फ़ॉर्म पूरा नहीं पहुँचा। वापस जाएँ, फ़ाइल फिर से चुनें और संलग्न करें।',
          },
        ];
      case 'too-large':
        return [
          413,
          'attachment-too-large',
          { en: 'The file is too large', hi: 'फ़ाइल बहुत बड़ी है' },
          {
            en: `A file can have at most ${limitMb} MB. Scan at a lower resolution, or attach the pages as separate files.`,
            hi: `फ़ाइल अधिकतम ${limitMb} MB की हो सकती है। कम रिज़ॉल्यूशन पर स्कैन करें, या पृष्ठ अलग-अलग फ़ाइलों में संलग्न करें।`,
          },
        ];
      case 'missing':
        return [
          422,
          'attachment-missing',
          { en: 'No file was chosen', hi: 'कोई फ़ाइल नहीं चुनी गई' },
          { en: 'Choose a file, then attach it.', hi: 'फ़ाइल चुनें, फिर संलग्न करें।' },
        ];
      case 'empty':
        return [
          422,
          'attachment-empty',
          { en: 'The file is empty', hi: 'फ़ाइल खाली है' },
          { en: 'The chosen file has no content.', hi: 'चुनी गई फ़ाइल में कोई सामग्री नहीं है।' },
        ];
      case 'type':
        return [
          422,
          'attachment-type',
          { en: 'This kind of file cannot be attached', hi: 'इस प्रकार की फ़ाइल संलग्न नहीं की जा सकती' },
          {
            en: "Attach a PDF, JPEG or PNG file that opens. The file's content was checked, not its name.",
            hi: 'ऐसी PDF, JPEG या PNG फ़ाइल संलग्न करें जो खुलती हो। फ़ाइल की सामग्री जांची गई, उसका नाम नहीं।',
          },
        ];
      case 'content-length':
        return [
          422,
          'content-length',
          {
            en: 'Give contentLength: the size of the file in bytes',
            hi: 'contentLength दें: फ़ाइल का आकार बाइट में',
          },
          { en: 'A whole number of bytes.', hi: 'बाइट की पूर्ण संख्या।' },
        ];
      case 'not-an-upload-key':
        return [
          422,
          'attachment-key',
          {
            en: 'That is not an upload key issued for this reference',
            hi: 'यह इस सन्दर्भ हेतु जारी अपलोड कुंजी नहीं है',
          },
          { en: 'Use the key upload-url gave.', hi: 'upload-url द्वारा दी गई कुंजी का उपयोग करें।' },
        ];
      case 'upload-missing':
        return [
          404,
          'upload-missing',
          {
            en: 'Nothing has been uploaded to that key (or its URL expired before the upload)',
            hi: 'उस कुंजी पर कुछ अपलोड नहीं हुआ (या अपलोड से पहले URL की अवधि समाप्त हो गई)',
          },
          { en: 'Upload the file, then confirm it.', hi: 'फ़ाइल अपलोड करें, फिर पुष्टि करें।' },
        ];
      case 'size-mismatch':
        return [
          422,
          'attachment-size',
          { en: 'The uploaded file is not the size asked for', hi: 'अपलोड की गई फ़ाइल माँगे गए आकार की नहीं है' },
          {
            en: `The upload was granted for ${error.limit} bytes; it was deleted. Ask for a new URL with the file's real size.`,
            hi: `अपलोड ${error.limit} बाइट के लिए दिया गया था; फ़ाइल हटा दी गई। फ़ाइल के सही आकार के साथ नया URL माँगें।`,
          },
        ];
    }
  })();
  return new HttpProblem(status, code, title, { detail });
}
