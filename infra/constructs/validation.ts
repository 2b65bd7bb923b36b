import type { IConstruct } from 'constructs';

/** One check of a construct's props: the message says what was wrong, the value and what is allowed. */
export interface Rule {
  condition: boolean;
  message: string;
}

export class ConstructPropsError extends Error {
  override name = 'ConstructPropsError';
}

/** Throws one error listing every rule that fails, so a synth reports all mistakes at once. */
export function validateProps(scope: IConstruct, rules: Rule[]): void {
  const failures = rules.filter((rule) => !rule.condition).map((rule) => rule.message);
  if (failures.length > 0) {
    throw new ConstructPropsError(`${scope.node.path}: invalid props:\n- ${failures.join('\n- ')}`);
  }
}
