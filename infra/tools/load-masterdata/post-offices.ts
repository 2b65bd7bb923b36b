import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { MasterDataStore, writeItems } from '../../../shared/adapters/dynamodb/masterdata-store.ts';
import { postOfficeItems } from '../../../shared/adapters/dynamodb/post-office-store.ts';
import type { PostOffice } from '../../../shared/domain/places/post-offices.ts';
import { parsePostOffices } from '../../local/seed/post-offices.ts';
import type { LoadOptions, LoadResult, Target } from '../load-masterdata.ts';

export const POST_OFFICES_KIND = 'post-offices';

/** Every row's problems against the districts in the table; empty when the file may be loaded. */
export function postOfficeErrors(
  offices: readonly PostOffice[],
  districtCodes: ReadonlySet<string>,
): string[] {
  const errors: string[] = [];
  for (const [i, office] of offices.entries()) {
    const row = `row ${i + 1} (PIN ${office.pin})`;
    if (!/^[1-9]\d{5}$/.test(office.pin)) errors.push(`${row}: the PIN code must have six digits`);
    if (Math.abs(office.latitude) > 90 || Math.abs(office.longitude) > 180)
      errors.push(`${row}: latitude and longitude must be WGS 84 degrees`);
    for (const code of office.districts)
      if (!districtCodes.has(code)) errors.push(`${row}: no district has the code '${code}'`);
  }
  return errors;
}

/**
 * Loads the post offices (infra/local/seed/up-post-offices.tsv, or a file of the same format) as the
 * geohash-cell and PIN items the locator reads. Checks every row first and writes nothing if one is
 * bad. Each cell's and PIN's item is replaced whole, so a re-run converges; a cell or PIN that a newer
 * file no longer has keeps its old item.
 */
export async function loadPostOffices(
  options: LoadOptions & { kind: typeof POST_OFFICES_KIND },
  connect: (options: LoadOptions) => Promise<Target>,
): Promise<LoadResult> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const name = basename(options.file);
  const result = (exitCode: 0 | 1 | 2, messages: string[] = [], written = 0): LoadResult => {
    for (const message of messages) err(`${name}: ${message}`);
    return { ok: exitCode === 0, exitCode, errors: [], messages, written, deleted: 0 };
  };
  let offices: PostOffice[];
  try {
    offices = parsePostOffices(await readFile(options.file, 'utf8'));
  } catch (error) {
    return result(1, [(error as Error).message]);
  }
  let target: Target;
  try {
    target = await connect(options);
  } catch (error) {
    return result(2, [(error as Error).message]);
  }
  try {
    const districts = new Set(
      (await new MasterDataStore(target.client, target.tableName).districts()).map((d) => d.code),
    );
    const errors = postOfficeErrors(offices, districts);
    if (errors.length > 0) return result(1, [...errors, 'nothing was written']);
    const items = postOfficeItems(offices);
    out(`${name}: ${offices.length} post offices, all valid`);
    if (options.dryRun) {
      out(`  dry run: would put ${items.length} items in ${target.description}; nothing written`);
      return result(0);
    }
    await writeItems(target.client, target.tableName, items);
    out(`  put ${items.length} items in ${target.description}`);
    return result(0, [], items.length);
  } catch (error) {
    return result(2, [
      (error as Error).message,
      'the load stopped part-way; run the same command again to finish it',
    ]);
  } finally {
    target.client.destroy();
  }
}
