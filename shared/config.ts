/**
 * Typed configuration read from the environment. Each reader fails fast with a message naming the
 * variable, so a missing binding shows up on the first request, not as an undefined deep inside.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new ConfigurationError(`Environment variable ${name} is not set`);
  }
  return value;
}

export function optionalEnv(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    throw new ConfigurationError(`Environment variable ${name} must be a whole number, got '${raw}'`);
  }
  return value;
}

/** Every variable whose name starts with the prefix, keyed by the rest of the name. */
export function envWithPrefix(prefix: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith(prefix) && value) found[name.slice(prefix.length)] = value;
  }
  return found;
}
