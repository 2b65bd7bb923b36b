import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from '../../shared/domain/language.ts';
import { textSimilarity } from '../../shared/domain/reference/similarity.ts';
import { maskText, maskValue } from '../../shared/triggers/observability/log-masking.ts';

describe('text similarity for possible duplicates', () => {
  it('finds the same complaint retold with small changes, in Hindi and English', () => {
    expect(
      textSimilarity(
        'My bicycle was stolen from the market on Monday.',
        'my bicycle was stolen from the market on monday, please help',
      ),
    ).toBeGreaterThan(0.5);
    expect(
      textSimilarity('मेरी साइकिल बाज़ार से चोरी हो गई', 'मेरी साइकिल बाज़ार से चोरी हो गई है।'),
    ).toBeGreaterThan(0.5);
  });

  it('keeps different complaints apart', () => {
    expect(
      textSimilarity('My bicycle was stolen from the market.', 'Loud music every night near the temple.'),
    ).toBeLessThan(0.2);
  });
});

describe('Accept-Language', () => {
  it.each([
    [undefined, 'en'],
    ['hi', 'hi'],
    ['hi-IN,hi;q=0.9,en;q=0.8', 'hi'],
    ['en-GB,en;q=0.9,hi;q=0.8', 'en'],
    ['fr, hi;q=0.5', 'hi'],
    ['hi;q=0, en', 'en'],
    ['de', 'en'],
  ] as const)('%s gives %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});

describe('log masking', () => {
  it('masks mobile numbers and emails in free text', () => {
    expect(maskText('call +91 9876543210 or 9876543210, mail a.b@example.in')).toBe(
      'call ******3210 or ******3210, mail ***@***',
    );
  });

  it('masks fields that hold personal data whatever their value', () => {
    expect(maskValue({ complainant: { name: 'X' }, referenceNo: '123', nested: { email: 'e' } })).toEqual({
      complainant: '[masked]',
      referenceNo: '123',
      nested: { email: '[masked]' },
    });
  });
});

describe('complaint text fields', () => {
  it('count length after trimming and report each problem once', async () => {
    const { complaintRequestSchema } = await import('../../shared/triggers/http/api/complaint-schema.ts');
    const { issuesToProblems } = await import('../../shared/triggers/http/api/validation.ts');
    const result = complaintRequestSchema.safeParse({ description: '   short    ' }, { reportInput: true });
    const problems = issuesToProblems(result.error!.issues).filter((p) => p.pointer === '/description');
    expect(problems.map((p) => p.code)).toEqual(['too-short']);
  });
});
