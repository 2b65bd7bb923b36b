import { dynamodbClient } from '../../shared/adapters/aws/clients/dynamodb.ts';
import { streamMonthReferences } from '../../shared/adapters/dynamodb/ranking-store.ts';
import { systemClock } from '../../shared/adapters/system.ts';
import { mainTableName, masterDataReader, referenceRepository } from '../../shared/adapters/wiring/wiring.ts';
import type { DistrictViewDeps } from '../../shared/use-cases/open-district-view.ts';

/** What the district cell's live view reads: the due index, and the month index as the ranking does. */
export const districtViewDeps = (): DistrictViewDeps => ({
  masterData: masterDataReader(),
  references: referenceRepository(),
  months: {
    read: (districtCode, month) =>
      streamMonthReferences(dynamodbClient(), mainTableName(), districtCode, month),
  },
  clock: systemClock,
});
