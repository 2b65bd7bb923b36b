import { describe, expect, it } from 'vitest';
import {
  IdempotencyMismatchError,
  InvalidFieldsError,
  RateLimitedError,
  UnavailableError,
} from '../../shared/domain/errors.ts';
import { mobileHashes, parseMobileHashKeyring } from '../../shared/domain/reference/mobile-hash.ts';
import type { Reference } from '../../shared/domain/reference/types.ts';
import type { ComplaintRequest } from '../../shared/triggers/http/api/complaint-schema.ts';
import {
  DEFAULT_INTAKE_SETTINGS,
  fileComplaint,
  type IntakeDeps,
} from '../../shared/use-cases/file-complaint.ts';

/** In-memory ports: plain implementations of the domain's interfaces, no AWS involved. */
function memoryDeps(overrides: { failRouting?: boolean; failStore?: boolean } = {}) {
  const references = new Map<string, Reference>();
  const counts = new Map<string, number>();
  const idempotency = new Map<string, { requestHash: string; response: unknown }>();
  const routed: unknown[] = [];
  let sequence = 0;
  const deps: IntakeDeps = {
    masterData: {
      district: async (code) =>
        code === 'chandauli'
          ? { code, name: { en: 'Chandauli', hi: 'चन्दौली' }, division: 'Varanasi', commissionerate: false }
          : undefined,
      station: async (district, code) =>
        district === 'chandauli' && code === 'chandauli-sakaldiha'
          ? {
              code,
              districtCode: district,
              name: { en: 'Sakaldiha', hi: 'सकलडीहा' },
              kind: 'police-station',
              pinCodes: [],
              localities: [],
              demo: false,
            }
          : undefined,
      category: async (code) =>
        code === 'theft'
          ? { code, name: { en: 'Theft', hi: 'चोरी' }, description: { en: '', hi: '' }, deadlineDays: 15 }
          : undefined,
    },
    // Every complaint here names its district; placement by position or PIN is tested on the real
    // post office data in post-office-district.test.ts.
    places: { postOfficesNear: async () => [], postOfficesOfPin: async () => [] },
    references: {
      async create(reference) {
        if (overrides.failStore) throw new Error('table unavailable');
        if (references.has(reference.referenceNo)) return false;
        references.set(reference.referenceNo, reference);
        return true;
      },
      get: async (no) => references.get(no),
      discard: async (no) => void references.delete(no),
    },
    limiter: {
      async take(hash, month, limit, alsoCounted = []) {
        const key = `${hash}#${month}`;
        const own = counts.get(key) ?? 0;
        const earlier = alsoCounted.reduce((sum, h) => sum + (counts.get(`${h}#${month}`) ?? 0), 0);
        if (own + earlier >= limit) return false;
        counts.set(key, own + 1);
        return true;
      },
      giveBack: async (hash, month) =>
        void counts.set(`${hash}#${month}`, (counts.get(`${hash}#${month}`) ?? 1) - 1),
    },
    mobileHasher: {
      hashes: async (mobile) => mobileHashes(mobile, parseMobileHashKeyring('unit-test-mobile-hash-key')),
    },
    idempotency: {
      find: async (key) => idempotency.get(key),
      async record(key, requestHash, response) {
        await Promise.resolve(); // let requests filed at once interleave, as round trips do
        const first = idempotency.get(key);
        if (first) return first;
        idempotency.set(key, { requestHash, response });
        return undefined;
      },
    },
    routingQueue: {
      async send(body) {
        if (overrides.failRouting) throw new Error('queue unavailable');
        routed.push(body);
      },
    },
    clock: { now: () => new Date('2026-11-28T06:00:00Z') },
    random: { digits: (n) => String(++sequence).padStart(n, '7'), secret: (n) => 'S'.repeat(n) },
    settings: DEFAULT_INTAKE_SETTINGS,
  };
  return { deps, references, counts, idempotency, routed };
}

const request: ComplaintRequest = {
  complainant: { name: 'Asha', mobile: '+919876543210', address: 'Sakaldiha bazaar', language: 'hi' },
  location: { districtCode: 'chandauli', stationCode: 'chandauli-sakaldiha' },
  categoryCode: 'theft',
  description: 'Two goats were taken from the shed at night; footprints lead to the canal.',
  channel: 'cm-helpline-1076',
};
const options = { language: 'en' as const, actor: { role: 'api-client' as const } };

describe('fileComplaint', () => {
  it('stores the reference and queues it for routing (which acknowledges it)', async () => {
    const memory = memoryDeps();
    const result = await fileComplaint(request, options, memory.deps);
    expect(memory.references.get(result.complaint.referenceNo)?.status).toBe('registered');
    expect(memory.routed).toEqual([{ type: 'route', referenceNo: result.complaint.referenceNo }]);
    expect(result.complaint.deadlineAt).toBe('2026-12-13T18:29:59.999Z');
    expect(memory.references.get(result.complaint.referenceNo)?.complainant.language).toBe('hi');
  });

  it('takes everything back when the routing message cannot be queued', async () => {
    const memory = memoryDeps({ failRouting: true });
    await expect(
      fileComplaint(
        request,
        { ...options, idempotencyKey: { key: 'k1', client: 'address:192.0.2.1' } },
        memory.deps,
      ),
    ).rejects.toBeInstanceOf(UnavailableError);
    expect(memory.references.size).toBe(0);
    expect([...memory.counts.values()]).toEqual([0]);
    expect(memory.idempotency.size).toBe(0);
  });

  it('answers a retry with the same Idempotency-Key with the first answer, without counting it again', async () => {
    const memory = memoryDeps();
    const keyed = { ...options, idempotencyKey: { key: 'k2', client: 'address:192.0.2.1' } };
    const first = await fileComplaint(request, keyed, memory.deps);
    const again = await fileComplaint(request, keyed, memory.deps);
    expect(again).toEqual({ complaint: first.complaint, replayed: true });
    expect(memory.references.size).toBe(1);
    expect([...memory.counts.values()]).toEqual([1]);
    await expect(
      fileComplaint({ ...request, description: `${request.description} Changed.` }, keyed, memory.deps),
    ).rejects.toBeInstanceOf(IdempotencyMismatchError);
    expect([...memory.counts.values()]).toEqual([1]);
  });

  it('replays a retry even when the monthly cap has been reached since', async () => {
    const memory = memoryDeps();
    memory.deps.settings = { ...DEFAULT_INTAKE_SETTINGS, monthlyLimitPerMobile: 1 };
    const keyed = { ...options, idempotencyKey: { key: 'k3', client: 'address:192.0.2.1' } };
    const first = await fileComplaint(request, keyed, memory.deps);
    await expect(fileComplaint(request, keyed, memory.deps)).resolves.toMatchObject({
      complaint: first.complaint,
      replayed: true,
    });
    await expect(fileComplaint(request, options, memory.deps)).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('keeps the monthly count across a rotation of the mobile hash key', async () => {
    const memory = memoryDeps();
    memory.deps.settings = { ...DEFAULT_INTAKE_SETTINGS, monthlyLimitPerMobile: 2 };
    await fileComplaint(request, options, memory.deps);
    const rotated = parseMobileHashKeyring(
      JSON.stringify({
        current: '2',
        keys: { 1: 'unit-test-mobile-hash-key', 2: 'the-next-mobile-hash-key' },
      }),
    );
    memory.deps.mobileHasher = { hashes: async (mobile) => mobileHashes(mobile, rotated) };
    await fileComplaint(request, options, memory.deps);
    // Two counts, one under each key: the second key's allowance is what the first left.
    expect([...memory.counts.values()]).toEqual([1, 1]);
    await expect(fileComplaint(request, options, memory.deps)).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('keeps one reference for two requests with one key filed at once: the second takes its own back', async () => {
    const memory = memoryDeps();
    const keyed = { ...options, idempotencyKey: { key: 'k4', client: 'address:192.0.2.1' } };
    const [a, b] = await Promise.all([
      fileComplaint(request, keyed, memory.deps),
      fileComplaint(request, keyed, memory.deps),
    ]);
    expect(a.complaint).toEqual(b.complaint);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect([...memory.references.keys()]).toEqual([a.complaint.referenceNo]);
    expect([...memory.counts.values()]).toEqual([1]);
  });

  it('takes back the monthly count when the reference cannot be stored', async () => {
    const memory = memoryDeps({ failStore: true });
    await expect(fileComplaint(request, options, memory.deps)).rejects.toBeInstanceOf(UnavailableError);
    expect([...memory.counts.values()]).toEqual([0]);
  });

  it('draws another number when one is taken', async () => {
    const memory = memoryDeps();
    const first = await fileComplaint(request, options, memory.deps);
    let draws = 0;
    memory.deps.random.digits = (n) =>
      ++draws === 1 ? first.complaint.referenceNo.slice(0, n) : '5'.repeat(n);
    const second = await fileComplaint(
      { ...request, description: `${request.description} Again.` },
      options,
      memory.deps,
    );
    expect(second.complaint.referenceNo).not.toBe(first.complaint.referenceNo);
    expect(memory.references.size).toBe(2);
  });

  it('refuses unknown master data with every field named, storing nothing', async () => {
    const memory = memoryDeps();
    const bad = { ...request, categoryCode: 'x', location: { districtCode: 'nowhere' } };
    const error = await fileComplaint(bad, options, memory.deps).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidFieldsError);
    expect((error as InvalidFieldsError).issues.map((i) => i.code).sort()).toEqual([
      'unknown-category',
      'unknown-district',
    ]);
    expect(memory.references.size).toBe(0);
    expect(memory.counts.size).toBe(0);
  });

  it('refuses the eleventh complaint of a month from one mobile until the next IST month', async () => {
    const memory = memoryDeps();
    for (let i = 0; i < 10; i++) {
      await fileComplaint(
        { ...request, description: `${request.description} case ${i} ${'x'.repeat(i)}` },
        options,
        memory.deps,
      );
    }
    const error = await fileComplaint(request, options, memory.deps).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    // From 11:30 IST on 28 November to midnight IST on 1 December.
    expect((error as RateLimitedError).retryAfterSeconds).toBe(2 * 86_400 + 12.5 * 3600);
  });
});
