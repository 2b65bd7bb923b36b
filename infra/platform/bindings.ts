import { resourceEnv } from '../../shared/adapters/aws/resource-env.ts';
import type { BucketAccess, FunctionDefinition, QueueAccess, TableAccess } from './types.ts';

/**
 * A resource a function may touch, as its `access` declares it, with the environment variable that
 * carries the resource's name or URL into the function.
 */
export type Binding =
  | { kind: 'table'; name: string; access: TableAccess; variable: string }
  | { kind: 'queue'; name: string; access: QueueAccess; variable: string }
  | { kind: 'bucket'; name: string; access: BucketAccess; variable: string }
  | { kind: 'secret'; name: string; variable: string };

/** Where each kind of resource is, by its key in the declaration: a name, a URL or a CDK token. */
export interface ResourceLocator {
  table(name: string): string;
  /** The queue's URL. */
  queue(name: string): string;
  bucket(name: string): string;
  /** The secret's name (its SecretId). */
  secret(name: string): string;
}

/**
 * The one reading of a function's `access.tables/queues/buckets/secrets`. The CDK stack grants from
 * these bindings and both the stack and the local runner set the function's environment from
 * `bindingEnvironment`, so the two cannot disagree on a variable.
 */
export function bindingsOf(fn: FunctionDefinition): Binding[] {
  const access = fn.access ?? {};
  return [
    ...Object.entries(access.tables ?? {}).map(
      ([name, mode]): Binding => ({ kind: 'table', name, access: mode, variable: resourceEnv.table(name) }),
    ),
    ...Object.entries(access.queues ?? {}).map(
      ([name, mode]): Binding => ({
        kind: 'queue',
        name,
        access: mode,
        variable: resourceEnv.queueUrl(name),
      }),
    ),
    ...Object.entries(access.buckets ?? {}).map(
      ([name, mode]): Binding => ({ kind: 'bucket', name, access: mode, variable: resourceEnv.bucket(name) }),
    ),
    ...(access.secrets ?? []).map(
      (name): Binding => ({ kind: 'secret', name, variable: resourceEnv.secretParameter(name) }),
    ),
  ];
}

/** The environment variables a function's bindings set, each to where `locate` says the resource is. */
export function bindingEnvironment(fn: FunctionDefinition, locate: ResourceLocator): Record<string, string> {
  return Object.fromEntries(
    bindingsOf(fn).map((binding) => [binding.variable, locate[binding.kind](binding.name)]),
  );
}
