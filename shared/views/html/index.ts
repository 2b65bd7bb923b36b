/** The server-rendering kit: escaping templates, page shell, form controls and display helpers. */

export {
  badge,
  bi,
  biFirst,
  type Choice,
  dateField,
  definitionList,
  type FieldOptions,
  fieldId,
  form,
  hiddenField,
  istDateTime,
  notice,
  plain,
  radioGroup,
  selectField,
  submitButton,
  type Tone,
  table,
  textArea,
  textField,
} from './components.ts';
export { attrs, escapeHtml, type HtmlValue, html, raw, renderHtml, SafeHtml } from './html.ts';
export {
  errorDocument,
  errorPage,
  LINK_REFUSAL_STATUS,
  linkErrorPage,
  notYoursPage,
  page,
  referenceNotFoundPage,
} from './page.ts';
