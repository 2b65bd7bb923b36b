import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Stack, aws_sqs as sqs, Validations } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import type { Platform } from '../../infra/platform/types.ts';
import { appWithoutBundling, PRODUCTION_CONTEXT, richPlatform } from './fixtures.ts';

/**
 * cdk-nag 3 is a CDK validation plugin. During `app.synth()` CDK runs it, drops every finding that
 * a `Validations.of(construct).acknowledge({ id, reason })` on the resource or one of its parents
 * covers, and writes the rest (and the acknowledged ones, with their reasons) to
 * `<outdir>/validation-report.json`. An error-level finding then makes synth throw (in tests CDK
 * runs in "inmemory" mode, so the message carries the report); warning-level findings do not. The
 * test reads the report, so warnings count as findings too.
 */
const NAG_PLUGIN = 'AwsSolutions';
const NAG_NAMESPACE = `${NAG_PLUGIN}::`;
const REPORT_FILE = 'validation-report.json';

interface ReportConstruct {
  constructPath?: string;
  resourceLogicalId?: string;
}
interface ReportViolation {
  ruleName: string;
  description: string;
  severity?: string;
  violatingConstructs: ReportConstruct[];
}
interface SuppressedViolation extends ReportViolation {
  acknowledgedId: string;
  acknowledgedAt: string;
  reason: string;
}
interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: ReportViolation[];
    suppressedViolations?: SuppressedViolation[];
  }[];
}
interface Acknowledgement {
  path: string;
  id: string;
  reason: unknown;
}

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

/** Builds the app as infra/app.ts does (cdk-nag included), synthesizes it and reads the report. */
function nag(declaration?: Platform, extend?: (stack: Stack) => void, context?: Record<string, unknown>) {
  const outdir = mkdtempSync(join(tmpdir(), 'nivaran-nag-'));
  outdirs.push(outdir);
  const app = appWithoutBundling(outdir, context);
  const { stack } = buildApp(app, declaration ? { platform: declaration } : {});
  extend?.(stack);
  let synthError: unknown;
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  const reportPath = join(outdir, REPORT_FILE);
  if (!existsSync(reportPath)) throw synthError ?? new Error(`synth wrote no ${REPORT_FILE}`);
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ValidationReport;
  const nagReport = report.pluginReports.find((r) => r.pluginName === NAG_PLUGIN);
  if (!nagReport) throw new Error(`no ${NAG_PLUGIN} report in ${REPORT_FILE}: is cdk-nag registered?`);

  const findings = nagReport.violations.flatMap((violation) =>
    violation.violatingConstructs.map(
      (c) =>
        `[${violation.severity ?? 'error'}] ${violation.ruleName} at ${c.constructPath ?? c.resourceLogicalId}: ${violation.description}`,
    ),
  );
  const acknowledgements: Acknowledgement[] = app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );
  return {
    stackPath: stack.node.path,
    findings,
    suppressed: nagReport.suppressedViolations ?? [],
    acknowledgements,
    synthError,
  };
}

describe.each([
  ['the real platform', undefined, undefined],
  ['the richer test platform', richPlatform, undefined],
  // JWT authorizer, custom domain and certificate, SES identity, subscriptions, exact SMS ARN.
  ['the real platform in production', undefined, PRODUCTION_CONTEXT],
])('cdk-nag AwsSolutions on the app built from %s', (_label, declaration, context) => {
  const result = nag(declaration, undefined, context);

  it('has no finding that is not acknowledged', () => {
    if (result.findings.length > 0) {
      console.error(`Unacknowledged cdk-nag findings:\n${result.findings.join('\n')}`);
    }
    expect(result.findings, `Unacknowledged cdk-nag findings:\n${result.findings.join('\n')}`).toEqual([]);
    expect(result.synthError).toBeUndefined();
  });

  it('gives every acknowledgement a written reason', () => {
    expect(result.acknowledgements.length).toBeGreaterThan(0);
    for (const ack of result.acknowledgements) {
      expect(typeof ack.reason, `${ack.id} at ${ack.path}`).toBe('string');
      expect(
        (ack.reason as string).trim().length,
        `${ack.id} at ${ack.path} has an empty reason`,
      ).toBeGreaterThan(0);
    }
    for (const suppressed of result.suppressed) {
      expect(suppressed.reason.trim(), suppressed.acknowledgedId).not.toBe('');
    }
  });

  it('acknowledges each cdk-nag rule on a resource, not on the app or the stack', () => {
    for (const ack of result.acknowledgements.filter((a) => a.id.includes('AwsSolutions-'))) {
      expect([result.stackPath, ''], `${ack.id} is acknowledged on ${ack.path || 'the app'}`).not.toContain(
        ack.path,
      );
    }
  });

  it('qualifies every cdk-nag acknowledgement and uses each one, so the report is the audit trail', () => {
    const nagAcks = result.acknowledgements.filter((a) => a.id.includes('AwsSolutions-'));
    for (const ack of nagAcks) {
      // An unqualified 'AwsSolutions-X' is stored as 'Annotation::AwsSolutions-X': cdk-nag honours
      // it but the finding then vanishes from the report instead of being listed with its reason.
      expect(ack.id.startsWith(NAG_NAMESPACE), `write '${NAG_NAMESPACE}${ack.id.replace(/^.*::/, '')}'`).toBe(
        true,
      );
      const used = result.suppressed.some(
        (s) => s.acknowledgedId === ack.id && s.acknowledgedAt === ack.path,
      );
      expect(used, `${ack.id} at ${ack.path} matches no finding: remove it`).toBe(true);
    }
  });
});

describe('the cdk-nag check itself', () => {
  it('reports and fails on a finding that nobody acknowledged', () => {
    const result = nag(richPlatform, (stack) => new sqs.Queue(stack, 'UnguardedQueue'));
    expect(result.findings.some((f) => f.includes('AwsSolutions-SQS3') && f.includes('UnguardedQueue'))).toBe(
      true,
    );
    expect(result.findings.some((f) => f.includes('AwsSolutions-SQS4') && f.includes('UnguardedQueue'))).toBe(
      true,
    );
    expect(String(result.synthError)).toMatch(/ValidationFailed[\s\S]*AwsSolutions-SQS3/);
  });
});
