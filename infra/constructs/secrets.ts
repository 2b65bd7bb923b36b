import {
  type aws_kms as kms,
  RemovalPolicy,
  aws_secretsmanager as secretsmanager,
  Validations,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { SecretDefinition } from '../platform/types.ts';
import { leaveOutOfLogicalIds } from './logical-ids.ts';
import { pascal } from './names.ts';

export interface SecretsProps {
  /** Secrets by their key in the declaration. Default: none. */
  readonly secrets?: Record<string, SecretDefinition>;
  /** Encrypts every secret. Default: the AWS managed key (aws/secretsmanager). */
  readonly encryptionKey?: kms.IKey;
}

/**
 * The Secrets Manager secrets, each generated at creation (64 letters and digits) and retained when
 * the stack is deleted, encrypted with the data key when given. None rotates automatically; see
 * ROTATION_REASON and the README's runbook.
 */
export class Secrets extends Construct {
  readonly secrets: Record<string, secretsmanager.Secret> = {};

  constructor(scope: Construct, id: string, props: SecretsProps = {}) {
    super(scope, id);
    leaveOutOfLogicalIds(this);
    for (const [name, def] of Object.entries(props.secrets ?? {})) {
      const secret = new secretsmanager.Secret(this, `${pascal(name)}Secret`, {
        description: def.description,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy: RemovalPolicy.RETAIN,
        encryptionKey: props.encryptionKey,
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions::AwsSolutions-SMG4',
        reason: ROTATION_REASON,
      });
      this.secrets[name] = secret;
    }
  }
}

const ROTATION_REASON =
  "Rotated by operators by the README's runbook (Go-live, Rotating keys), not by a rotation Lambda: the Open311 api_key and the admin token each hold one value shared with outside clients, so a new value must be put at a time agreed with them (functions read it again within 5 minutes), which a rotation schedule cannot do without locking them out; in production the admin routes are behind the JWT authorizer and the token is not used. The link-signing keyring is rotated by adding a key as current and removing the old one after the longest link lifetime, so links in flight stay valid.";
