import { loggerOptions, onShutdown } from '@tym/platform';
import pino from 'pino';
import { loadSingleNodeConfig } from './config.js';
import { createSystem } from './system.js';

/**
 * The single-node process `pnpm start` runs: every service plugin on one port and the
 * worker beside them. Reads config, builds the system, listens, shuts down gracefully.
 */
async function main() {
  const config = loadSingleNodeConfig();
  const log = pino(loggerOptions(config.LOG_LEVEL, config.LOG_PRETTY));
  const system = await createSystem(config, log);
  onShutdown({ log, graceMs: config.SHUTDOWN_GRACE_MS, close: () => system.close() });
  const address = await system.app.listen({ host: config.HOST, port: config.PORT });
  log.info({ listening: address, worker: config.WORKER_ENABLED }, 'TYM single node listening');
  const base = config.PUBLIC_BASE_URL;
  process.stdout.write(
    [
      '',
      `  TYM is running at   ${base}`,
      `  API docs            ${base}/docs   (OpenAPI JSON: ${base}/docs/json)`,
      `  Health              ${base}/health/ready`,
      `  Worker              ${config.WORKER_ENABLED ? 'running in this process' : 'disabled'}`,
      '  Get a token         pnpm -s token --org helsinki --role caseworker',
      ...(config.DEV_IDP_PRIVATE_KEY_FILE
        ? [`  REST client         Bruno collection collections/tym (tokens from POST ${base}/dev/token)`]
        : []),
      `  Try                 curl -H "authorization: Bearer $(pnpm -s token --org kela --role caseworker)" ${base}/v1/municipalities/245`,
      '',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`TYM failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
