import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { bindingEnvironment, bindingsOf } from '../../infra/platform/bindings.ts';
import type { Platform } from '../../infra/platform/types.ts';
import { platform } from '../../infra/platform.ts';
import { NivaranStack } from '../../infra/stack.ts';
import { appWithoutBundling, richPlatform } from './fixtures.ts';
import type { Resources } from './template.ts';

const locator = {
  table: (name: string) => `table:${name}`,
  queue: (name: string) => `queue:${name}`,
  bucket: (name: string) => `bucket:${name}`,
  secret: (name: string) => `secret:${name}`,
};

describe('bindingsOf', () => {
  it('reads every kind of access with its mode and variable, in declaration order', () => {
    expect(bindingsOf(richPlatform.functions.intakeWorker!)).toEqual([
      { kind: 'table', name: 'main', access: 'readWrite', variable: 'TABLE_MAIN' },
      { kind: 'bucket', name: 'exports', access: 'readWrite', variable: 'BUCKET_EXPORTS' },
      { kind: 'secret', name: 'linkKey', variable: 'SECRET_PARAMETER_LINK_KEY' },
    ]);
    expect(bindingsOf(richPlatform.functions.sweeper!)).toEqual([
      { kind: 'table', name: 'main', access: 'read', variable: 'TABLE_MAIN' },
      { kind: 'queue', name: 'intakeEvents', access: 'inspect', variable: 'QUEUE_URL_INTAKE_EVENTS' },
      { kind: 'bucket', name: 'exports', access: 'read', variable: 'BUCKET_EXPORTS' },
    ]);
  });

  it('binds nothing for a function without access, and nothing for email or SMS', () => {
    expect(bindingsOf({ entry: 'x.ts', description: 'x', timeoutSeconds: 1, memoryMb: 128 })).toEqual([]);
    expect(
      bindingsOf({
        entry: 'x.ts',
        description: 'x',
        timeoutSeconds: 1,
        memoryMb: 128,
        access: { email: true, sms: true },
      }),
    ).toEqual([]);
  });
});

describe('bindingEnvironment', () => {
  it('sets each binding’s variable to where the locator says the resource is', () => {
    expect(bindingEnvironment(richPlatform.functions.sweeper!, locator)).toEqual({
      TABLE_MAIN: 'table:main',
      QUEUE_URL_INTAKE_EVENTS: 'queue:intakeEvents',
      BUCKET_EXPORTS: 'bucket:exports',
    });
  });
});

describe.each([
  ['the real platform', platform],
  ['the richer test platform', richPlatform],
])('the CDK stack built from %s', (_label, declaration: Platform) => {
  const stack = new NivaranStack(appWithoutBundling(), 'Test', { platform: declaration });
  const resources = Template.fromStack(stack).toJSON().Resources as Resources;

  it('sets exactly the variables the bindings name, as the local runner does', () => {
    for (const [name, def] of Object.entries(declaration.functions)) {
      const fn = stack.functions[name]!;
      const variables = (
        resources[stack.getLogicalId(fn.node.defaultChild as never)]!.Properties!.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      const bound = Object.keys(bindingEnvironment(def, locator));
      expect(
        Object.keys(variables).filter((key) => /^(TABLE|QUEUE_URL|BUCKET|SECRET_PARAMETER)_/.test(key)),
        name,
      ).toEqual(expect.arrayContaining(bound));
      expect(bound.length, name).toBe(bindingsOf(def).length);
    }
  });
});
