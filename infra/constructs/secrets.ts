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
 * the stack is deleted. None rotates automatically; see ROTATION_REASON.
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
  'Rotated by operators, not by a rotation Lambda: the Open311 api_key and the admin token are held by outside clients, who must be given a new value when it changes, and the link-signing keyring is rotated by adding a key while old links expire; replacing a value automatically would lock those clients out and void every link in flight.';
