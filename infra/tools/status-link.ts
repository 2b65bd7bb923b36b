import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoReferenceRepository } from '../../shared/adapters/dynamodb/reference-repository.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { checkReferenceNumber } from '../../shared/domain/reference/reference-number.ts';
import { revokeStatusLinks } from '../../shared/use-cases/revoke-status-links.ts';
import { findLocalCloud } from '../local/discovery.ts';
import { isHelp, readCommandLine } from './cli.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const HELP = `Withdraw every status link of a complaint (the /t/... link in its acknowledgement SMS and
mail): they answer 410 from now on. The complainant gets a new one with the tracking secret
(POST /v1/complaints/<referenceNo>/status-link); nothing is sent by this command.

  npm run status-link -- revoke <referenceNo> [--api-url URL]
  npm run status-link -- revoke <referenceNo> --table NAME [--region ap-south-1]

  --api-url   the running \`npm start\` (default: its PORT, else DATA_DIR/local-cloud.json, else port 3000)
  --table     the main DynamoDB table in AWS, reached with the default credential chain

Exit status: 0 withdrawn, 1 no such complaint, 2 usage or connection problem.
`;

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Runs the command; the exit status. */
export async function statusLinkCommand(
  argv: readonly string[],
  out: (line: string) => void,
): Promise<number> {
  const read = readCommandLine(
    argv,
    { 'api-url': { type: 'string' }, table: { type: 'string' }, region: { type: 'string' } },
    HELP,
  );
  if (typeof read === 'string') {
    out(read);
    return isHelp(argv) ? 0 : 2;
  }
  const [command, number, ...rest] = read.positionals;
  const checked = checkReferenceNumber(number ?? '');
  if (command !== 'revoke' || rest.length > 0 || !checked.ok) {
    out(
      `${command === 'revoke' ? 'give one valid 11-digit reference number' : 'unknown command'}\n\n${HELP}`,
    );
    return 2;
  }
  let client: DynamoDBClient;
  let tableName: string;
  if (read.values.table) {
    client = new DynamoDBClient({ region: read.values.region ?? process.env.AWS_REGION ?? 'ap-south-1' });
    tableName = read.values.table;
  } else {
    try {
      const info = await findLocalCloud(read.values['api-url']);
      if (!info.dynamodbEndpoint || !info.tableNames?.main) throw new Error('/_local/info names no table');
      client = new DynamoDBClient({
        endpoint: info.dynamodbEndpoint,
        region: 'ap-south-1',
        credentials: LOCAL_CREDENTIALS,
      });
      tableName = info.tableNames.main;
    } catch (error) {
      out((error as Error).message);
      return 2;
    }
  }
  try {
    const version = await revokeStatusLinks(checked.value, 'administrator', {
      revokeStatusLinks: (no, event) =>
        new DynamoReferenceRepository(client, tableName).revokeStatusLinks(no, event),
      clock: systemClock,
    });
    if (version === undefined) {
      out(`no complaint ${checked.value}`);
      return 1;
    }
    out(
      `withdrawn: every status link of ${checked.value} issued before now (link version is now ${version})`,
    );
    return 0;
  } finally {
    client.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await statusLinkCommand(process.argv.slice(2), (line) =>
    process.stdout.write(`${line}\n`),
  );
}
