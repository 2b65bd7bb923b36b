import { readFileSync } from 'node:fs';
import { App, type CfnElement, Names, Stack, aws_sqs as sqs } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import {
  leaveOutOfLogicalIds,
  logicalIdPath,
  stableUniqueId,
  uniqueIdOfPath,
} from '../../infra/constructs/logical-ids.ts';
import { appWithoutBundling } from './fixtures.ts';
import type { Resources } from './template.ts';

/**
 * Every resource of the template built from infra/platform.ts, by logical id, as deployed. A
 * changed logical id makes CloudFormation create a new resource and delete the old one: an empty
 * table, new secret values, lost messages, or a failed deploy (a second route with the same key,
 * a second event source mapping for the same queue). New resources may be added; when one is,
 * add it here too, so that it is held to its id from then on.
 */
const DEPLOYED: Record<string, string> = JSON.parse(
  readFileSync(new URL('./logical-ids.json', import.meta.url), 'utf8'),
);

describe('logical ids of the deployed stack', () => {
  const { stack } = buildApp(appWithoutBundling());
  const resources = Template.fromStack(stack).toJSON().Resources as Resources;

  it('keeps every deployed resource under its logical id, with its type', () => {
    const missing = Object.entries(DEPLOYED)
      .filter(([id, type]) => resources[id]?.Type !== type)
      .map(([id, type]) => `${type} ${id}${resources[id] ? ` is now ${resources[id].Type}` : ' is gone'}`);
    expect(missing, 'CloudFormation would replace these').toEqual([]);
  });

  it('covers the stateful resources and the ones whose replacement would fail', () => {
    const types = new Set(Object.values(DEPLOYED));
    for (const type of [
      'AWS::DynamoDB::Table',
      'AWS::S3::Bucket',
      'AWS::SQS::Queue',
      'AWS::SecretsManager::Secret',
      'AWS::Logs::LogGroup',
      'AWS::SNS::Topic',
      'AWS::ApiGatewayV2::Api',
      'AWS::ApiGatewayV2::Route',
      'AWS::Lambda::EventSourceMapping',
    ]) {
      expect(types.has(type), type).toBe(true);
    }
  });
});

/** A stack that applies the rule as NivaranStack does. */
class RuleStack extends Stack {
  protected override allocateLogicalId(element: CfnElement): string {
    return uniqueIdOfPath(logicalIdPath(element));
  }
}

describe('leaveOutOfLogicalIds', () => {
  it('gives a resource under a left-out construct the id it has directly in the stack', () => {
    const plain = new Stack(new App(), 'S');
    const direct = new sqs.Queue(plain, 'RoutingQueue');
    const grouped = new RuleStack(new App(), 'S');
    const group = new Construct(grouped, 'Queues');
    leaveOutOfLogicalIds(group);
    const moved = new sqs.Queue(group, 'RoutingQueue');
    expect(grouped.getLogicalId(moved.node.defaultChild as CfnElement)).toBe(
      plain.getLogicalId(direct.node.defaultChild as CfnElement),
    );
    // What an L2 naming a construct after the queue (SqsEventSource) saw before the move.
    expect(stableUniqueId(moved)).toBe(Names.nodeUniqueId(direct.node));
  });

  it('keeps the ids of constructs that are not left out', () => {
    const stack = new RuleStack(new App(), 'S');
    const kept = new Construct(stack, 'Kept');
    const queue = new sqs.Queue(kept, 'Q');
    expect(stack.getLogicalId(queue.node.defaultChild as CfnElement)).toMatch(/^KeptQ[0-9A-F]{8}$/);
  });

  it('fails the synth when two resources end up with one logical id', () => {
    const stack = new RuleStack(new App(), 'S');
    for (const id of ['A', 'B']) {
      const group = new Construct(stack, id);
      leaveOutOfLogicalIds(group);
      new sqs.Queue(group, 'Q');
    }
    expect(() => Template.fromStack(stack)).toThrow(/already contains/);
  });
});
