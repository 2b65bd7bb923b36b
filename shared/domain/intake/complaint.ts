import type { Language } from '../language.ts';
import type { ComplaintLocation } from '../reference/types.ts';

/**
 * A complaint as filed, once its request has been validated (by the API's schema, or mapped from an
 * Open311 form and validated by the same schema): texts trimmed and NFC-normalised, the mobile as
 * +91 and ten digits. The domain's own shape of the input; the request schema's output must fit it.
 */
export interface ComplaintInput {
  complainant: {
    name: string;
    mobile: string;
    email?: string;
    address: string;
    language?: Language;
  };
  location: ComplaintLocation;
  categoryCode: string;
  description: string;
  /** IST date, YYYY-MM-DD. */
  incidentDate?: string;
  /** Where it was received; see CHANNELS. */
  channel: string;
}
