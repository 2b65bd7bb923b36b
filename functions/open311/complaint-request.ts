import { Open311Error, type Open311ErrorItem } from '../../shared/domain/open311/errors.ts';
import type { Open311Form } from '../../shared/domain/open311/form.ts';
import {
  complaintInput,
  type FieldLabels,
  fieldErrors,
  hasLocation,
  LOCATION_REQUIRED,
} from '../../shared/domain/open311/intake.ts';
import {
  type ComplaintRequest,
  complaintRequestSchema,
} from '../../shared/triggers/http/api/complaint-schema.ts';
import { parseWith } from '../../shared/triggers/http/api/validation.ts';
import { HttpProblem } from '../../shared/triggers/http/problem.ts';

/**
 * Validates an Open311 POST as a complaint. Throws an Open311Error (400) listing every problem:
 * GeoReport v2's own rule (a location must be given) and everything the complaint schema checks.
 */
export function toComplaintRequest(form: Open311Form): { request: ComplaintRequest; labels: FieldLabels } {
  const { input, labels } = complaintInput(form);
  const errors: Open311ErrorItem[] = [];
  if (!hasLocation(form)) errors.push({ code: 400, description: LOCATION_REQUIRED });
  let request: ComplaintRequest | undefined;
  try {
    request = parseWith(complaintRequestSchema, input);
  } catch (error) {
    if (!(error instanceof HttpProblem) || !error.options.errors) throw error;
    errors.push(...fieldErrors(error.options.errors, labels));
  }
  if (errors.length > 0 || !request) throw new Open311Error(400, errors);
  return { request, labels };
}
