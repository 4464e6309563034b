import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * The part of kustomize that infra/kubernetes uses, to build the overlays in a test without
 * the kustomize binary (no JavaScript implementation exists on npm): `resources` (files and
 * folders with a kustomization.yaml), `namespace`, `images` (newName, newTag) and `patches`
 * (strategic-merge patch files, matched by kind and name or by `target`; inline JSON 6902
 * patches with `target`). Anything else in a kustomization.yaml is an error, so a feature
 * the test does not apply can never be silently ignored.
 */

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are free-form YAML
  [key: string]: any;
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Target {
  kind?: string;
  name?: string;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { path?: string; patch?: string; target?: Target }[];
}

const KNOWN = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'patches']);

/** Every document of a YAML file; a parse error is thrown. */
export function readManifests(file: string): K8sObject[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const out: K8sObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]?.message}`);
    const value = doc.toJSON() as K8sObject | null;
    if (value) out.push(value);
  }
  return out;
}

function matches(object: K8sObject, target: Target): boolean {
  return (
    (!target.kind || object.kind === target.kind) && (!target.name || object.metadata.name === target.name)
  );
}

const isObject = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Strategic merge as kustomize does it for these kinds: maps merge, null deletes, lists of named items merge by name. */
export function strategicMerge(base: Json, patch: Json): Json {
  if (isObject(base) && isObject(patch)) {
    const out: Record<string, Json> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete out[key];
      else out[key] = key in base ? strategicMerge(base[key] as Json, value) : value;
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(patch)) {
    const named = (list: Json[]) => list.every((item) => isObject(item) && typeof item.name === 'string');
    if (!named(base) || !named(patch)) return patch;
    const out = [...base];
    for (const item of patch as Record<string, Json>[]) {
      const i = out.findIndex((b) => (b as Record<string, Json>).name === item.name);
      if (i === -1) out.push(item);
      else out[i] = strategicMerge(out[i] as Json, item);
    }
    return out;
  }
  return patch;
}

/** JSON 6902 add, replace and remove (the operations the overlays use). */
export function jsonPatch(object: Json, operations: { op: string; path: string; value?: Json }[]): Json {
  const copy = structuredClone(object);
  for (const { op, path, value } of operations) {
    const keys = path
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop();
    if (last === undefined) throw new Error(`bad path ${path}`);
    let parent = copy as Record<string, Json> | Json[];
    for (const key of keys) {
      let next = (parent as Record<string, Json>)[key];
      if (next === undefined && op === 'add') {
        next = {};
        (parent as Record<string, Json>)[key] = next;
      }
      if (typeof next !== 'object' || next === null) throw new Error(`${op} ${path}: ${key} is missing`);
      parent = next as Record<string, Json>;
    }
    if (op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (op === 'add' || op === 'replace') {
      if (op === 'replace' && !(last in parent)) throw new Error(`replace ${path}: nothing to replace`);
      if (Array.isArray(parent)) {
        if (last === '-') parent.push(value as Json);
        else if (op === 'add') parent.splice(Number(last), 0, value as Json);
        else parent[Number(last)] = value as Json;
      } else parent[last] = value as Json;
    } else throw new Error(`unsupported operation ${op}`);
  }
  return copy;
}

function podSpecs(object: K8sObject): Record<string, Json>[] {
  if (object.kind === 'Pod') return [object.spec];
  if (object.kind === 'CronJob') return [object.spec?.jobTemplate?.spec?.template?.spec].filter(Boolean);
  return [object.spec?.template?.spec].filter(Boolean);
}

/** The objects a kustomization folder builds to (kustomize build <dir>). */
export function build(dir: string): K8sObject[] {
  const k = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization;
  for (const key of Object.keys(k))
    if (!KNOWN.has(key)) throw new Error(`${dir}: ${key} is not applied by this test`);
  let objects: K8sObject[] = [];
  for (const resource of k.resources ?? []) {
    const path = join(dir, resource);
    objects.push(...(statSync(path).isDirectory() ? build(path) : readManifests(path)));
  }
  for (const p of k.patches ?? []) {
    if (p.path) {
      for (const doc of readManifests(join(dir, p.path))) {
        const target = p.target ?? { kind: doc.kind, name: doc.metadata.name };
        const hits = objects.filter((o) => matches(o, target));
        if (!hits.length) throw new Error(`${dir}: patch ${p.path} matches nothing`);
        objects = objects.map((o) => {
          if (!matches(o, target)) return o;
          // A patch applied by target keeps the object's own name (kustomize ignores the patch's).
          const { metadata, ...rest } = doc;
          const { name: _ignored, ...meta } = metadata;
          return strategicMerge(
            o as unknown as Json,
            { ...rest, metadata: meta } as unknown as Json,
          ) as K8sObject;
        });
      }
    } else if (p.patch) {
      if (!p.target) throw new Error(`${dir}: an inline patch needs a target`);
      const ops = parse(p.patch) as { op: string; path: string; value?: Json }[];
      const target = p.target;
      if (!objects.some((o) => matches(o, target))) throw new Error(`${dir}: inline patch matches nothing`);
      objects = objects.map((o) =>
        matches(o, target) ? (jsonPatch(o as unknown as Json, ops) as K8sObject) : o,
      );
    }
  }
  for (const image of k.images ?? []) {
    let used = false;
    for (const object of objects) {
      for (const spec of podSpecs(object)) {
        for (const c of [
          ...((spec.containers as Json[]) ?? []),
          ...((spec.initContainers as Json[]) ?? []),
        ]) {
          const container = c as Record<string, string>;
          const [name] = (container.image ?? '').split(/[:@]/);
          if (name !== image.name) continue;
          used = true;
          container.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ''}`;
        }
      }
    }
    if (!used) throw new Error(`${dir}: image ${image.name} is used by no container`);
  }
  if (k.namespace) for (const o of objects) o.metadata = { ...o.metadata, namespace: k.namespace };
  return objects;
}
