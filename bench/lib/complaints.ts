import http from 'node:http';

const DESCRIPTIONS = [
  'My motorcycle was stolen from outside my house during the night; the lock was broken.',
  'Neighbours threaten my family over a drain dispute and abuse us every evening.',
  'Loud DJ music near the crossing until two in the morning, every day this week.',
  'A man on the phone took money from my account pretending to be from the bank.',
];

/**
 * Valid complaints for the benchmarks, each with a fresh mobile (the per-mobile monthly cap of 10
 * never applies) and its own Idempotency-Key, naming a station of Chandauli so the router assigns
 * it. `mobileBase` keeps the numbers of two benchmarks in one run apart.
 */
export function complaintSource(options: {
  mobileBase: number;
  address: string;
  tag: string;
  stationCode: string;
}) {
  let sequence = 0;
  return () => {
    const n = sequence++;
    return {
      body: JSON.stringify({
        complainant: {
          name: `Bench Complainant ${n}`,
          mobile: `9${String(options.mobileBase + n).padStart(9, '0')}`,
          address: options.address,
          language: n % 2 ? 'hi' : 'en',
        },
        location: { districtCode: 'chandauli', stationCode: options.stationCode },
        categoryCode: 'theft',
        description: `${DESCRIPTIONS[n % DESCRIPTIONS.length]} (${options.tag} ${n})`,
        channel: 'portal',
      }),
      key: `${options.tag}-${process.pid}-${n}`,
    };
  };
}

/** POSTs a JSON body with an Idempotency-Key through the given agent; resolves status and text. */
export function postJson(
  agent: http.Agent,
  url: URL,
  body: string,
  idempotencyKey: string,
  path = '/v1/complaints',
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'idempotency-key': idempotencyKey,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
