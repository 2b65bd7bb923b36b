import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MonthlyRankingDeps, RecomputeDeps } from '../../use-cases/run-monthly-ranking.ts';
import { type RenderedExport, renderExports } from '../../views/exports/rendered-exports.ts';
import { MasterDataStore } from '../dynamodb/masterdata-store.ts';
import { PolicyStore } from '../dynamodb/policy-store.ts';
import { type MonthReadStats, RankingStore, streamMonthReferences } from '../dynamodb/ranking-store.ts';
import { exportKey, exportPrefix } from '../s3/export-keys.ts';
import { ExportsStore } from '../s3/exports-store.ts';

/** Where a ranking run reads and writes: the main table and the exports bucket. */
export interface RankingTarget {
  dynamodb: DynamoDBClient;
  tableName: string;
  s3: ConstructorParameters<typeof ExportsStore>[0];
  bucket: string;
  now?: () => Date;
}

/**
 * What one monthly ranking run needs (the scheduled function and `npm run ranking` alike): master
 * data uncached, the month index read district by district, the snapshot store, the renderers and
 * the exports bucket. Built per run: it counts the items and pages that run reads.
 */
export function monthlyRankingDeps(target: RankingTarget): MonthlyRankingDeps<RenderedExport> {
  const { dynamodb, tableName } = target;
  const stats: MonthReadStats = { pages: 0, items: 0 };
  const exports = new ExportsStore(target.s3, target.bucket);
  return {
    masterData: new MasterDataStore(dynamodb, tableName),
    rankings: new RankingStore(dynamodb, tableName, target.now),
    policies: new PolicyStore(dynamodb, tableName),
    months: {
      read: (districtCode, month) =>
        streamMonthReferences(dynamodb, tableName, districtCode, month, { stats }),
      stats: () => stats,
    },
    render: renderExports,
    exports: {
      bucket: exports.bucket,
      writeAll: (ref, files) => exports.writeAll(ref, files),
      prefix: exportPrefix,
    },
    clock: { now: target.now ?? (() => new Date()) },
  };
}

/** What recomputing a stored revision needs: a run's parts, the stored headers and exports to compare. */
export function recomputeDeps(target: RankingTarget): RecomputeDeps<RenderedExport> {
  const run = monthlyRankingDeps(target);
  const store = new RankingStore(target.dynamodb, target.tableName, target.now);
  const exports = new ExportsStore(target.s3, target.bucket);
  return {
    ...run,
    stored: {
      header: (month, policyVersion, revision) => store.header(month, policyVersion, revision),
      standingAt: (ref) => store.standingAt(ref),
      exportText: async (ref, file) => {
        const key = exportKey(ref, file.level, file.format);
        return (await exports.exists(key)) ? exports.read(key) : undefined;
      },
    },
    bodyOf: (file) => file.body,
    nameOf: (file) => `${file.level === 'district' ? 'districts' : 'stations'}.${file.format}`,
  };
}
