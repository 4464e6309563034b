import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNotificationsConfig, NotificationsConfigSchema } from '@tym/notifications';
import { loadPlanningConfig, PlanningConfigSchema } from '@tym/planning';
import { loadIssuers } from '@tym/platform';
import { loadReferralsConfig, ReferralsConfigSchema } from '@tym/referrals';
import { loadResourcingConfig, ResourcingConfigSchema } from '@tym/resourcing';
import { loadWorkerConfig, WorkerConfigSchema } from '@tym/worker';
import type { TObject } from 'typebox';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { build, jsonPatch, type K8sObject, readManifests, strategicMerge } from './kustomize.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const K8S = join(ROOT, 'infra/kubernetes');
const OVERLAYS = ['dev', 'production'] as const;
const API = ['resourcing', 'referrals', 'planning', 'notifications'] as const;
const DEPLOYABLES = [...API, 'worker'] as const;
type Deployable = (typeof DEPLOYABLES)[number];

// biome-ignore lint/suspicious/noExplicitAny: the config loaders differ only in their result type
const CONFIG: Record<Deployable, { schema: TObject; load: (env: Record<string, string>) => any }> = {
  resourcing: { schema: ResourcingConfigSchema, load: loadResourcingConfig },
  referrals: { schema: ReferralsConfigSchema, load: loadReferralsConfig },
  planning: { schema: PlanningConfigSchema, load: loadPlanningConfig },
  notifications: { schema: NotificationsConfigSchema, load: loadNotificationsConfig },
  worker: { schema: WorkerConfigSchema as unknown as TObject, load: loadWorkerConfig },
};

/** Secrets no overlay carries: made by an operator (tym-db-app by CloudNativePG) or the secret manager. */
const EXTERNAL_SECRETS: Record<(typeof OVERLAYS)[number], string[]> = {
  dev: ['tym-db-app'],
  production: ['tym-db-app', 'tym-pii', 'tym-redis', 'tym-smtp'],
};

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

async function validate(object: K8sObject): Promise<void> {
  const module = (await import(`kubernetes-models/${object.apiVersion}`)) as Record<
    string,
    new (
      data: unknown,
    ) => { validate(): void }
  >;
  const Model = module[object.kind];
  if (!Model) throw new Error(`no model for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}

const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

const selects = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** The variables a container gets, with their values (secrets: their value in the overlay, or a stand-in). */
function containerEnv(
  objects: K8sObject[],
  container: K8sObject,
): Map<string, { value: string; from: string }> {
  const env = new Map<string, { value: string; from: string }>();
  for (const source of container.envFrom ?? []) {
    const map = find(objects, 'ConfigMap', source.configMapRef?.name);
    if (!map) throw new Error(`ConfigMap ${source.configMapRef?.name} is missing`);
    for (const [k, v] of Object.entries(map.data ?? {}))
      env.set(k, { value: String(v), from: `configmap/${map.metadata.name}` });
  }
  for (const e of container.env ?? []) {
    if ('value' in e) env.set(e.name, { value: String(e.value), from: 'value' });
    else if (e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.configMapKeyRef;
      const map = find(objects, 'ConfigMap', ref.name);
      if (!map || !(ref.key in (map.data ?? {})))
        throw new Error(`${e.name}: ConfigMap ${ref.name} has no ${ref.key}`);
      env.set(e.name, { value: String(map.data[ref.key]), from: `configmap/${ref.name}` });
    } else if (e.valueFrom?.secretKeyRef) {
      const ref = e.valueFrom.secretKeyRef;
      const secret = find(objects, 'Secret', ref.name);
      const value = secret?.stringData?.[ref.key];
      if (secret && value === undefined) throw new Error(`${e.name}: Secret ${ref.name} has no ${ref.key}`);
      env.set(e.name, { value: value ?? `<${ref.name}/${ref.key}>`, from: `secret/${ref.name}/${ref.key}` });
    } else throw new Error(`${e.name}: unsupported env source`);
  }
  return env;
}

/** Keys a process cannot start without: required by its schema with no default. */
const requiredKeys = (schema: TObject) =>
  ((schema.required as string[] | undefined) ?? []).filter(
    (k) => !('default' in ((schema.properties as Record<string, object>)[k] ?? {})),
  );

/** Keys whose schema default is right on a laptop only (loopback), so a cluster must set them. */
const MUST_SET: Record<Deployable, string[]> = {
  resourcing: [
    'HOST',
    'PORT',
    'DATABASE_URL',
    'REDIS_URL',
    'PUBLIC_BASE_URL',
    'AUTH_ISSUERS',
    'SHUTDOWN_GRACE_MS',
  ],
  referrals: [
    'HOST',
    'PORT',
    'DATABASE_URL',
    'REDIS_URL',
    'PUBLIC_BASE_URL',
    'AUTH_ISSUERS',
    'SHUTDOWN_GRACE_MS',
  ],
  planning: [
    'HOST',
    'PORT',
    'DATABASE_URL',
    'REDIS_URL',
    'PUBLIC_BASE_URL',
    'AUTH_ISSUERS',
    'SHUTDOWN_GRACE_MS',
  ],
  notifications: [
    'HOST',
    'PORT',
    'DATABASE_URL',
    'REDIS_URL',
    'PUBLIC_BASE_URL',
    'AUTH_ISSUERS',
    'SHUTDOWN_GRACE_MS',
  ],
  worker: [
    'WORKER_HEALTH_HOST',
    'WORKER_HEALTH_PORT',
    'DATABASE_URL',
    'REDIS_URL',
    'PUBLIC_BASE_URL',
    'SHUTDOWN_GRACE_MS',
  ],
};

/** ingress-nginx with use-regex: paths tried longest first, each a case-insensitive regex anchored at the start. */
function ingressOwner(ingress: K8sObject, path: string): string | undefined {
  const paths = (
    ingress.spec.rules[0].http.paths as { path: string; backend: { service: { name: string } } }[]
  )
    .slice()
    .sort((a, b) => b.path.length - a.path.length);
  return paths.find((p) => new RegExp(`^${p.path}`, 'i').test(path))?.backend.service.name;
}

describe('the kustomize subset the test applies', () => {
  it('merges maps, deletes on null, merges named lists by name and replaces other lists', () => {
    expect(
      strategicMerge(
        {
          a: 1,
          b: { c: 2, d: 3 },
          list: [
            { name: 'x', v: 1 },
            { name: 'y', v: 2 },
          ],
          plain: [1, 2],
        },
        {
          b: { d: null, e: 4 },
          list: [
            { name: 'y', v: 5 },
            { name: 'z', v: 6 },
          ],
          plain: [3],
        },
      ),
    ).toEqual({
      a: 1,
      b: { c: 2, e: 4 },
      list: [
        { name: 'x', v: 1 },
        { name: 'y', v: 5 },
        { name: 'z', v: 6 },
      ],
      plain: [3],
    });
  });
  it('applies JSON 6902 replace and add (~1 for a slash), and refuses to replace what is not there', () => {
    expect(
      jsonPatch({ spec: { rules: [{ host: 'a' }] }, metadata: {} }, [
        { op: 'replace', path: '/spec/rules/0/host', value: 'b' },
        { op: 'add', path: '/metadata/annotations/x.io~1y', value: 'z' },
      ]),
    ).toEqual({ spec: { rules: [{ host: 'b' }] }, metadata: { annotations: { 'x.io/y': 'z' } } });
    expect(() => jsonPatch({ spec: {} }, [{ op: 'replace', path: '/spec/tls', value: [] }])).toThrow();
  });
});

describe('infra/kubernetes', () => {
  it('covers every process with an entry point (services/*/src/server.ts)', () => {
    const withServer = readdirSync(join(ROOT, 'services')).filter((name) =>
      existsSync(join(ROOT, 'services', name, 'src/server.ts')),
    );
    expect(withServer.sort()).toEqual([...DEPLOYABLES].sort());
  });

  it('every YAML file parses', () => {
    const files = yamlFiles(K8S);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(() => readManifests(file), file).not.toThrow();
  });

  for (const overlay of OVERLAYS) {
    describe(`overlays/${overlay}`, () => {
      const objects = build(join(K8S, 'overlays', overlay));
      const deployment = (name: string) => {
        const d = find(objects, 'Deployment', name);
        if (!d) throw new Error(`no Deployment ${name}`);
        return d;
      };

      it('every object is valid against the Kubernetes schemas (kubernetes-models), in the namespace, once', async () => {
        const seen = new Set<string>();
        for (const object of objects) {
          await expect(validate(object), `${object.kind}/${object.metadata.name}`).resolves.toBeUndefined();
          expect(object.metadata.namespace).toBe(overlay === 'dev' ? 'tym-dev' : 'tym');
          const id = `${object.kind}/${object.metadata.name}`;
          expect(seen.has(id), id).toBe(false);
          seen.add(id);
        }
      });

      it('a schema violation is caught by the validation (the check can fail)', async () => {
        const broken = structuredClone(deployment('worker'));
        broken.spec.template.spec.containers[0].ports[0].containerPort = 'http';
        await expect(validate(broken)).rejects.toThrow(/containerPort/);
      });

      for (const name of DEPLOYABLES) {
        it(`${name}: a Deployment with both probes, resources, a locked-down securityContext and a PodDisruptionBudget`, () => {
          const d = deployment(name);
          const pod = d.spec.template;
          expect(selects(d.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
          expect(pod.spec.securityContext).toMatchObject({
            runAsNonRoot: true,
            seccompProfile: { type: 'RuntimeDefault' },
          });
          expect(pod.spec.automountServiceAccountToken).toBe(false);
          const [c] = pod.spec.containers;
          expect(pod.spec.containers).toHaveLength(1);
          expect(c.image).toMatch(new RegExp(`tym-${name}:(dev|[0-9.]+)$`));
          expect(c.command).toEqual(['node', 'dist/server.js']);
          expect(c.securityContext).toMatchObject({
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          });
          expect(c.securityContext.runAsUser).toBeGreaterThan(0);
          expect(c.resources.requests.cpu).toBeTruthy();
          expect(c.resources.requests.memory).toBeTruthy();
          expect(c.resources.limits.memory).toBeTruthy();
          // The probes: /health/live and /health/ready on the port the process listens on.
          const env = containerEnv(objects, c);
          const port = Number(env.get(name === 'worker' ? 'WORKER_HEALTH_PORT' : 'PORT')?.value);
          const named = (c.ports as { name: string; containerPort: number }[]).find(
            (p) => p.name === c.livenessProbe.httpGet.port,
          );
          expect(named?.containerPort).toBe(port);
          expect(c.livenessProbe.httpGet.path).toBe('/health/live');
          expect(c.startupProbe.httpGet.path).toBe('/health/live');
          expect(c.readinessProbe.httpGet).toEqual({
            path: '/health/ready',
            port: c.livenessProbe.httpGet.port,
          });
          // Graceful termination: longer than the preStop pause plus the shutdown grace.
          const graceMs = Number(env.get('SHUTDOWN_GRACE_MS')?.value);
          const preStopMs = Number(c.lifecycle?.preStop?.exec?.command?.[1] ?? 0) * 1000;
          expect(graceMs).toBeGreaterThan(0);
          expect(pod.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(graceMs + preStopMs);
          // A PodDisruptionBudget over its pods.
          const pdb = objects.find(
            (o) =>
              o.kind === 'PodDisruptionBudget' && selects(o.spec.selector.matchLabels, pod.metadata.labels),
          );
          expect(pdb, `PDB of ${name}`).toBeDefined();
          expect(pdb?.spec.minAvailable ?? pdb?.spec.maxUnavailable).toBeDefined();
        });

        it(`${name}: every variable it gets is one of its config schema, and every one it needs is given`, () => {
          const [c] = deployment(name).spec.template.spec.containers;
          const env = containerEnv(objects, c);
          const { schema, load } = CONFIG[name];
          const known = Object.keys(schema.properties as object);
          for (const key of env.keys()) expect(known, `${name} gets ${key}`).toContain(key);
          for (const key of [...requiredKeys(schema), ...MUST_SET[name]])
            expect([...env.keys()], `${name} needs ${key}`).toContain(key);
          // The identity-code keys, the HMAC key, SMTP and the connection strings come from Secrets.
          for (const key of [
            'DATABASE_URL',
            'REDIS_URL',
            'PII_ENCRYPTION_KEYS',
            'PII_BLIND_INDEX_KEY',
            'SMTP_URL',
            'SMTP_PASS',
          ]) {
            if (env.has(key)) expect(env.get(key)?.from, key).toMatch(/^secret\//);
          }
          // The values load: the process would start with them.
          const values = Object.fromEntries(
            [...env].map(([k, v]) => [k, v.value.startsWith('<') ? standIn(k) : v.value]),
          );
          const config = load(values);
          if (name !== 'worker') {
            expect(config.HOST).toBe('0.0.0.0');
            expect(loadIssuers(config).length).toBeGreaterThan(0);
          } else expect(config.WORKER_HEALTH_HOST).toBe('0.0.0.0');
        });
      }

      it('the identity-code keys, HMAC key, SMTP, database and Redis URLs come from Secrets: the overlay’s, or the external ones README.md names', () => {
        const readme = readFileSync(join(K8S, 'README.md'), 'utf8');
        const refs = new Set<string>();
        for (const o of objects) {
          for (const c of o.spec?.template?.spec?.containers ?? []) {
            for (const e of c.env ?? [])
              if (e.valueFrom?.secretKeyRef) refs.add(e.valueFrom.secretKeyRef.name);
          }
        }
        expect([...refs].sort()).toEqual(['tym-db-app', 'tym-pii', 'tym-redis', 'tym-smtp']);
        const missing = [...refs].filter((name) => !find(objects, 'Secret', name)).sort();
        expect(missing).toEqual(EXTERNAL_SECRETS[overlay]);
        for (const name of missing) expect(readme, `README names ${name}`).toContain(`\`${name}\``);
      });

      it('the API services have a Service and a HorizontalPodAutoscaler; the worker scales by replicas', () => {
        for (const name of API) {
          const d = deployment(name);
          const svc = find(objects, 'Service', name);
          expect(svc && selects(svc.spec.selector, d.spec.template.metadata.labels), `Service ${name}`).toBe(
            true,
          );
          expect(svc?.spec.ports[0].targetPort).toBe('http');
          const hpa = find(objects, 'HorizontalPodAutoscaler', name);
          expect(hpa?.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
          expect(hpa?.spec.minReplicas).toBeGreaterThanOrEqual(1);
          expect(hpa?.spec.maxReplicas).toBeGreaterThan(hpa?.spec.minReplicas);
        }
        expect(find(objects, 'HorizontalPodAutoscaler', 'worker')).toBeUndefined();
      });

      it('the Ingress sends every operation of every service to that service, the rest to resourcing', () => {
        const [ingress, ...others] = objects.filter((o) => o.kind === 'Ingress');
        expect(others).toHaveLength(0);
        if (!ingress) throw new Error('no Ingress');
        for (const p of ingress.spec.rules[0].http.paths) {
          expect(find(objects, 'Service', p.backend.service.name), p.path).toBeDefined();
        }
        for (const service of API) {
          const doc = JSON.parse(readFileSync(join(ROOT, 'services', service, 'openapi.json'), 'utf8'));
          for (const template of Object.keys(doc.paths)) {
            const path = template.replace(/\{[^}]+\}/g, '0b3d6c1e-0000-4000-8000-000000000001');
            const platform = template.startsWith('/health') || template.startsWith('/problems');
            expect(ingressOwner(ingress, path), template).toBe(platform ? 'resourcing' : service);
          }
        }
        expect(ingressOwner(ingress, '/docs/json')).toBe('resourcing');
        if (overlay === 'production') expect(ingress.spec.tls[0].hosts).toEqual([ingress.spec.rules[0].host]);
      });

      it('the migration Job runs before a rollout (Argo CD PreSync), with the migrate image and the database secret', () => {
        const job = find(objects, 'Job', 'tym-migrate');
        expect(job?.metadata.annotations?.['argocd.argoproj.io/hook']).toBe('PreSync');
        const spec = job?.spec.template.spec;
        expect(spec.restartPolicy).toBe('Never');
        expect(spec.containers[0].image).toMatch(/tym-migrate:(dev|[0-9.]+)$/);
        expect(spec.containers[0].command).toEqual(['node', 'migrate.mjs']);
        expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
        expect(spec.containers[0].env).toContainEqual({
          name: 'DATABASE_URL',
          valueFrom: { secretKeyRef: { name: 'tym-db-app', key: 'uri' } },
        });
      });

      it('NetworkPolicies: deny by default; only the services, the worker and the Job reach PostgreSQL and Redis; the worker’s way out', () => {
        const policy = (name: string) => {
          const p = find(objects, 'NetworkPolicy', name);
          if (!p) throw new Error(`no NetworkPolicy ${name}`);
          return p;
        };
        expect(policy('default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
        const pods = objects
          .filter((o) => o.spec?.template?.metadata)
          .map((o) => ({
            name: o.metadata.name,
            labels: o.spec.template.metadata.labels as Record<string, string>,
          }));
        const clientsOf = (selector: Record<string, string>) =>
          pods
            .filter((p) => selects(selector, p.labels))
            .map((p) => p.name)
            .sort();
        const everyone = [...DEPLOYABLES, 'tym-migrate'].sort();
        const pg = policy('postgresql-from-services');
        expect(pg.spec.podSelector.matchLabels).toEqual({ 'cnpg.io/cluster': 'tym-db' });
        expect(clientsOf(pg.spec.ingress[0].from[0].podSelector.matchLabels)).toEqual(everyone);
        const redis = policy('redis-from-services');
        expect(clientsOf(redis.spec.ingress[0].from[0].podSelector.matchLabels)).toEqual(
          [...DEPLOYABLES].sort(),
        );
        // No other policy lets anything in to PostgreSQL or Redis.
        for (const p of objects.filter((o) => o.kind === 'NetworkPolicy')) {
          const target = p.spec.podSelector.matchLabels ?? {};
          if (p.metadata.name !== 'postgresql-from-services')
            expect(target['cnpg.io/cluster']).toBeUndefined();
          if (p.metadata.name !== 'redis-from-services')
            expect(target['app.kubernetes.io/name']).not.toBe('redis');
        }
        const out = policy('worker-egress-webhooks-smtp');
        expect(clientsOf(out.spec.podSelector.matchLabels)).toEqual(['worker']);
        const ports = out.spec.egress[0].ports.map((p: { port: number }) => p.port).sort();
        expect(ports).toEqual([443, 465, 587]);
        expect(out.spec.egress[0].to[0].ipBlock.except).toContain('10.0.0.0/8');
        // The API services may fetch the identity providers' keys (https) when an issuer names a jwksUri.
        const jwks = policy('api-egress-jwks');
        expect(clientsOf(jwks.spec.podSelector.matchLabels)).toEqual([...API].sort());
        expect(jwks.spec.egress[0].ports).toEqual([{ protocol: 'TCP', port: 443 }]);
      });
    });
  }

  it('PostgreSQL and Redis: the CloudNativePG Cluster the policies and Secret name, and a Redis that never evicts', () => {
    const [cluster] = readManifests(join(K8S, 'dependencies/postgresql.yaml'));
    expect(cluster?.kind).toBe('Cluster');
    expect(cluster?.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(cluster?.metadata.name).toBe('tym-db');
    // CloudNativePG names the application user's Secret <cluster>-app, with a `uri` key.
    expect(cluster?.spec.instances).toBeGreaterThanOrEqual(2);
    const redis = parse(readFileSync(join(K8S, 'dependencies/redis-values.yaml'), 'utf8'));
    expect(redis.architecture).toBe('replication');
    expect(redis.commonConfiguration).toMatch(/^maxmemory-policy noeviction$/m);
  });
});

/** A value of the right shape for a secret the overlay does not carry. */
function standIn(key: string): string {
  const key32 = Buffer.alloc(32, 7).toString('base64');
  return (
    {
      DATABASE_URL: 'postgres://tym@tym-db-rw:5432/tym',
      REDIS_URL: 'redis://tym-redis-master:6379',
      PII_ENCRYPTION_KEYS: `k1:${key32}`,
      PII_CURRENT_KEY_ID: 'k1',
      PII_BLIND_INDEX_KEY: key32,
      SMTP_URL: 'smtps://user:pass@smtp.example.fi:465',
    }[key] ?? 'x'
  );
}
