import { Names, Stack } from 'aws-cdk-lib';
import { Construct, type IConstruct } from 'constructs';

/**
 * Logical ids as they were when the stack was one class.
 *
 * CloudFormation knows a resource by its logical id, which the CDK derives from the construct path
 * below the stack: moving the table, a queue or a secret into a construct would change its id, and
 * CloudFormation would replace it (an empty table, lost messages, new secret values; a duplicate
 * route or event source mapping would even fail the deploy). So the constructs that group
 * resources by concern leave their own id out of their children's logical ids, as the CDK leaves
 * out a construct named 'Default', and name their children with ids unique in the stack (two
 * resources given one logical id fail the synth). A construct that wraps a single resource uses
 * the CDK's own way instead and names it 'Default' (AlarmTopic). NivaranStack applies the rule;
 * test/infra/logical-ids.test.ts checks every deployed id against test/infra/logical-ids.json.
 */
const leftOut = new WeakSet<IConstruct>();

/** Marks a construct whose id does not enter the logical ids of the resources under it. */
export function leaveOutOfLogicalIds(construct: IConstruct): void {
  leftOut.add(construct);
}

/** The ids from the stack down to `construct`, without the constructs left out of logical ids. */
export function logicalIdPath(construct: IConstruct): string[] {
  const scopes = construct.node.scopes;
  const stackIndex = scopes.indexOf(Stack.of(construct));
  return scopes
    .slice(stackIndex + 1)
    .filter((scope) => !leftOut.has(scope))
    .map((scope) => scope.node.id);
}

/**
 * The CDK's unique id of a path (Names.uniqueId: the ids joined, with a hash of the path), computed
 * on a scratch tree so the rule is exactly the CDK's own.
 */
export function uniqueIdOfPath(path: string[]): string {
  let scope = new Construct(undefined as unknown as Construct, '');
  for (const id of path) scope = new Construct(scope, id);
  return Names.uniqueId(scope);
}

/**
 * What `Names.nodeUniqueId(construct.node)` returned before the split: the stack's id and the path
 * below it, without the constructs left out. Some L2s name a construct after another's unique id
 * (SqsEventSource names its event source mapping after the queue's).
 */
export function stableUniqueId(construct: IConstruct): string {
  const scopes = construct.node.scopes;
  const stackIndex = scopes.indexOf(Stack.of(construct));
  const aboveStack = scopes.slice(1, stackIndex + 1).map((scope) => scope.node.id);
  return uniqueIdOfPath([...aboveStack, ...logicalIdPath(construct)]);
}
