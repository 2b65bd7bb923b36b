import type { CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The parts of a synthesized CloudFormation template the infra tests read. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: unknown;
}

export type Resources = Record<string, CfnResource>;

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The logical id of an L2 construct's CloudFormation resource. */
export const logicalIdOf = (stack: Stack, construct: IConstruct): string =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);

export const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });

export const ofType = (resources: Resources, type: string): [string, CfnResource][] =>
  Object.entries(resources).filter(([, resource]) => resource.Type === type);

/** Whether a value (an ARN expression, a policy resource) refers to this logical id exactly. */
export const mentions = (value: unknown, logicalId: string): boolean =>
  JSON.stringify(value ?? null).includes(`"${logicalId}"`);

/** Every statement of every AWS::IAM::Policy attached to the role with this logical id. */
export function roleStatements(resources: Resources, roleLogicalId: string): PolicyStatement[] {
  return ofType(resources, 'AWS::IAM::Policy')
    .filter(([, policy]) => mentions(policy.Properties?.Roles, roleLogicalId))
    .flatMap(([, policy]) =>
      asArray(
        (policy.Properties?.PolicyDocument as { Statement?: PolicyStatement[] } | undefined)?.Statement,
      ),
    );
}

/** The statements of a Lambda function's execution role. */
export function functionStatements(resources: Resources, functionLogicalId: string): PolicyStatement[] {
  const role = resources[functionLogicalId]?.Properties?.Role as { 'Fn::GetAtt': [string, string] };
  return roleStatements(resources, role['Fn::GetAtt'][0]);
}

/** The actions a set of statements allows on resources that mention the given logical id. */
export const actionsOn = (statements: PolicyStatement[], logicalId: string): string[] =>
  statements
    .filter((statement) => statement.Effect === 'Allow' && mentions(statement.Resource, logicalId))
    .flatMap((statement) => asArray(statement.Action));

export const allowedActions = (statements: PolicyStatement[]): string[] =>
  statements.filter((statement) => statement.Effect === 'Allow').flatMap((s) => asArray(s.Action));

/** Whether a resource policy of the given type denies every request to `logicalId` made without TLS. */
export function deniesInsecureTransport(
  resources: Resources,
  policyType: string,
  logicalId: string,
): boolean {
  return ofType(resources, policyType).some(([, policy]) => {
    const properties = policy.Properties ?? {};
    const target = properties.Queues ?? properties.Bucket;
    if (!mentions(target, logicalId)) return false;
    const statements = asArray((properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement);
    return statements.some(
      (statement) =>
        statement.Effect === 'Deny' &&
        asArray(statement.Action).some((action) => action === 'sqs:*' || action === 's3:*') &&
        statement.Condition?.Bool?.['aws:SecureTransport'] === 'false',
    );
  });
}
