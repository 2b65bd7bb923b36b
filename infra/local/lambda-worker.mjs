// One Lambda execution environment: loads a bundled handler once (the cold start), then runs one
// invocation at a time, as a Lambda sandbox does. Its process.env is its own (Worker `env`).
import { parentPort, workerData } from 'node:worker_threads';

const module = await import(workerData.bundleUrl);
const handler = module.handler;
if (typeof handler !== 'function') {
  throw new Error(`${workerData.functionName}: the bundle exports no handler function`);
}

parentPort.on('message', async ({ event, context }) => {
  const lambdaContext = {
    ...context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, context.deadlineMs - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
  try {
    const result = await handler(JSON.parse(event), lambdaContext);
    // Lambda serialises the result as JSON; so do we, so a value that would not survive is caught here.
    parentPort.postMessage({ ok: true, result: result === undefined ? 'null' : JSON.stringify(result) });
  } catch (error) {
    parentPort.postMessage({
      ok: false,
      error: {
        errorType: error?.name ?? 'Error',
        errorMessage: String(error?.message ?? error),
        stackTrace: String(error?.stack ?? '').split('\n'),
      },
    });
  }
});
parentPort.postMessage({ ready: true });
