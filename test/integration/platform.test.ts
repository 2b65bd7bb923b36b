import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../../infra/platform.ts';
import { type ProductCloud, startProductCloud } from '../fixtures/product-cloud.ts';
import { rawRequest } from '../fixtures/support.ts';

let p: ProductCloud;

beforeAll(async () => {
  p = await startProductCloud();
});

afterAll(async () => {
  await p?.stop();
});

describe('the running local cloud matches the platform declaration', () => {
  const routes = Object.entries(platform.functions).flatMap(([name, fn]) =>
    (fn.http ?? []).map((route) => ({ name, ...route })),
  );

  it.each(routes)('serves $method $path through $name', async (route) => {
    const path = route.path.replace(/\{proxy\+\}/, 'x/y').replace(/\{\w+\}/g, 'sample');
    const response = await rawRequest(`${p.cloud.apiUrl}${path}`, {
      method: route.method === 'ANY' ? 'GET' : route.method,
      headers: { 'content-type': 'application/json' },
      body: route.method === 'POST' ? '{}' : undefined,
    });
    // The gateway's own 404 means no route matched; a handler's answer (even a 4xx) means one did.
    expect(response.headers['apigw-requestid']).toBeTruthy();
    expect(response.status).toBeLessThan(500);
    if (response.status === 404) expect(response.text).not.toBe('{"message":"Not Found"}');
  });

  it.each(Object.entries(platform.queues))(
    'has the %s queue with its dead-letter queue',
    async (name, def) => {
      const local = p.cloud.queues[name]!;
      const { Attributes = {} } = await p.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: local.url,
          AttributeNames: ['RedrivePolicy', 'VisibilityTimeout'],
        }),
      );
      expect(JSON.parse(Attributes.RedrivePolicy!)).toEqual({
        deadLetterTargetArn: local.deadLetterArn,
        maxReceiveCount: def.maxReceiveCount,
      });
      await p.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: local.deadLetterUrl, AttributeNames: ['QueueArn'] }),
      );
    },
  );

  it('knows every declared schedule and can run it by hand', async () => {
    expect([...p.cloud.schedules].sort()).toEqual(Object.keys(platform.schedules).sort());
    for (const name of Object.keys(platform.schedules)) {
      const response = await rawRequest(`${p.cloud.apiUrl}/_local/schedules/${name}`, { method: 'POST' });
      expect(response.status).toBe(200);
    }
  });

  it('reports every component up on /health, with the mail inbox URL', async () => {
    const response = await p.get('/health');
    expect(response.status).toBe(200);
    const health = response.json<{
      status: string;
      runtime: { node: string };
      components: Record<string, { status: string; url?: string }>;
    }>();
    expect(health.status).toBe('ok');
    // The functions run on the Node these tests run on; test/infra pins that to the stack's runtime.
    expect(health.runtime.node).toBe(process.versions.node);
    expect(health.components.email?.url).toBe(p.cloud.mailUrl);
    for (const queue of Object.keys(platform.queues))
      expect(health.components[`sqs:${queue}`]?.status).toBe('ok');
    expect(health.components['dynamodb:main']?.status).toBe('ok');
    expect(health.components.sms?.status).toBe('ok');
  });
});
