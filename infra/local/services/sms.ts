import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { close, listen } from './listen.ts';
import { DEFAULT_BIND_ADDRESS, urlHost } from './loopback.ts';

export interface SentSms {
  messageId: string;
  at: string;
  destination: string;
  originationIdentity?: string;
  body: string;
  messageType?: string;
  entityId?: string;
  templateId?: string;
}

export interface LocalSms {
  /** Endpoint for the AWS End User Messaging SMS (pinpoint-sms-voice-v2) client. */
  endpoint: string;
  outboxUrl: string;
  messages(): SentSms[];
  stop(): Promise<void>;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A local stand-in for AWS End User Messaging SMS: it speaks the same JSON 1.0 protocol for the two
 * operations Nivaran calls (SendTextMessage, DescribeAccountAttributes), so the SMS adapter only
 * changes endpoint. Messages go to an outbox (kept under dataDir) that a person reads at the root
 * URL and tests read at /messages.
 *
 * Deliberate difference: a message to an Indian number without DLT entity and template ids is
 * refused here; AWS accepts the call and the message is dropped by the carrier later, unseen.
 */
export async function startSms(options: {
  port: number;
  dataDir: string | null;
  host?: string;
}): Promise<LocalSms> {
  const outboxFile = options.dataDir ? join(options.dataDir, 'sms-outbox.jsonl') : undefined;
  const sent: SentSms[] =
    outboxFile && existsSync(outboxFile)
      ? (await readFile(outboxFile, 'utf8'))
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as SentSms)
      : [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) =>
      reply(res, 500, { __type: 'InternalServerException', message: error.message }),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'GET') {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/messages') {
        const to = url.searchParams.get('to');
        return reply(res, 200, { messages: to ? sent.filter((m) => m.destination === to) : sent });
      }
      return page(res);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    const operation = String(req.headers['x-amz-target'] ?? '')
      .split('.')
      .pop();
    if (operation === 'DescribeAccountAttributes') return reply(res, 200, { AccountAttributes: [] });
    if (operation !== 'SendTextMessage') {
      return reply(res, 400, {
        __type: 'UnknownOperationException',
        message: `${operation} is not emulated`,
      });
    }
    const destination = String(input.DestinationPhoneNumber ?? '');
    const params = (input.DestinationCountryParameters ?? {}) as Record<string, string>;
    if (!/^\+[1-9]\d{6,14}$/.test(destination)) {
      return reply(res, 400, {
        __type: 'ValidationException',
        message: 'DestinationPhoneNumber must be E.164',
      });
    }
    if (destination.startsWith('+91') && (!params.IN_ENTITY_ID || !params.IN_TEMPLATE_ID)) {
      return reply(res, 400, {
        __type: 'ValidationException',
        message: 'Messages to India need DestinationCountryParameters IN_ENTITY_ID and IN_TEMPLATE_ID (DLT)',
      });
    }
    const message: SentSms = {
      messageId: randomUUID(),
      at: new Date().toISOString(),
      destination,
      body: String(input.MessageBody ?? ''),
      ...(input.OriginationIdentity ? { originationIdentity: String(input.OriginationIdentity) } : {}),
      ...(input.MessageType ? { messageType: String(input.MessageType) } : {}),
      ...(params.IN_ENTITY_ID ? { entityId: params.IN_ENTITY_ID } : {}),
      ...(params.IN_TEMPLATE_ID ? { templateId: params.IN_TEMPLATE_ID } : {}),
    };
    sent.push(message);
    if (outboxFile) await appendFile(outboxFile, `${JSON.stringify(message)}\n`);
    return reply(res, 200, { MessageId: message.messageId });
  }

  function page(res: ServerResponse) {
    const rows = [...sent]
      .reverse()
      .map(
        (m) =>
          `<tr><td>${escapeHtml(m.at)}</td><td>${escapeHtml(m.destination)}</td><td>${escapeHtml(m.templateId ?? '')}</td><td style="white-space:pre-wrap">${escapeHtml(m.body)}</td></tr>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><meta charset="utf-8"><title>SMS outbox</title><body style="font-family:sans-serif"><h1>SMS outbox / एसएमएस आउटबॉक्स</h1><p>${sent.length} messages</p><table border="1" cellpadding="4"><thead><tr><th>Sent (UTC)</th><th>To</th><th>DLT template</th><th>Text</th></tr></thead><tbody>${rows}</tbody></table></body></html>`,
    );
  }

  const host = options.host ?? DEFAULT_BIND_ADDRESS;
  const port = await listen(server, options.port, 'the SMS outbox', 'SMS_PORT', host);
  const endpoint = `http://${urlHost(host)}:${port}`;
  return { endpoint, outboxUrl: `${endpoint}/`, messages: () => [...sent], stop: () => close(server) };
}

function reply(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  res.end(JSON.stringify(body));
}
