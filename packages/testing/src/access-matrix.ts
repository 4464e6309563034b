import { expect, it } from 'vitest';

/** What a cell gives: a status code, or a word the route's call made of the answer (`listed`). */
export type Cell = number | string;
export type Matrix<Role extends string, Relation extends string> = Record<Role, Record<Relation, Cell>>;

export interface MatrixCaller<Role extends string, Relation extends string> {
  role: Role;
  relation: Relation;
  /** The caller's headers (authorization and the like). */
  headers: Record<string, string>;
}

export interface MatrixRoute<F, Kind extends string, Role extends string, Relation extends string> {
  name: string;
  /** The kind of fixture the route runs against. */
  fixture: Kind;
  /**
   * A success uses its fixture up (accepting, ending, cancelling…): every cell expected to
   * succeed gets a fixture of its own; the refused cells share the kind's fixture, which a
   * refused request does not change.
   */
  consumes?: boolean;
  /** Cells one at a time: each success changes what the next one needs. */
  sequential?: boolean;
  /** Runs around the route's cells (e.g. moves the test clock and back). */
  around?: (run: () => Promise<void>) => Promise<void>;
  call(f: F, caller: MatrixCaller<Role, Relation>): Promise<Cell | { statusCode: number }>;
  expect: Matrix<Role, Relation>;
}

export interface AccessMatrixOptions<F, Kind extends string, Role extends string, Relation extends string> {
  roles: readonly Role[];
  relations: readonly Relation[];
  /** The headers of the caller of a cell. */
  caller(role: Role, relation: Relation): Record<string, string>;
  /** Builds one fixture of a kind (through the real routes). */
  build(kind: Kind): Promise<F>;
  /** After every fixture is built: steps that need all of them at once (e.g. a moved clock). */
  prepare?(built: ReadonlyArray<{ kind: Kind; fixture: F }>): Promise<void>;
  routes: ReadonlyArray<MatrixRoute<F, Kind, Role, Relation>>;
  /** Fixtures built at a time (default 4). */
  buildConcurrency?: number;
  /** Cells of a route run at a time unless the route is sequential (default 8). */
  cellConcurrency?: number;
  /** Whether a cell's expected value is a success that uses a consuming route's fixture up (default 2xx). */
  succeeds?(expected: Cell): boolean;
}

export interface AccessMatrix<F, Kind extends string, Role extends string, Relation extends string> {
  /** Builds every fixture the routes need, once per kind plus one per consumed cell. Call in `beforeAll`. */
  build(): Promise<void>;
  /** The fixture of a kind that every route of that kind shares. */
  shared(kind: Kind): F;
  /** Runs a route's cells; returns the wrong ones as `role × relation: got, expected`. */
  run(route: MatrixRoute<F, Kind, Role, Relation>): Promise<string[]>;
  /** Registers one test per route (`it(route.name)`), each failing with the list of wrong cells. */
  tests(timeout?: number): void;
  /** How many fixtures `build()` made (by kind), for the file's own checks. */
  built(): ReadonlyMap<Kind, number>;
}

/** Runs `task` over `items`, at most `size` at a time; results in the order of `items`. */
export async function inBatches<T, R>(items: readonly T[], size: number, task: (item: T) => Promise<R>) {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(task))));
  return out;
}

const is2xx = (c: Cell) => typeof c === 'number' && c >= 200 && c < 300;

/**
 * The access matrix over relations (architecture.md, Auth): every route × every role × the
 * caller's relation to the subject. Fixtures are built once per file in `build()`: one shared
 * fixture per kind, and for a route whose success uses its fixture up one of its own for each
 * cell expected to succeed. The cells then run against them, a few at a time.
 */
export function accessMatrix<F, Kind extends string, Role extends string, Relation extends string>(
  options: AccessMatrixOptions<F, Kind, Role, Relation>,
): AccessMatrix<F, Kind, Role, Relation> {
  const { roles, relations, routes } = options;
  const succeeds = options.succeeds ?? is2xx;
  const shared = new Map<Kind, F>();
  /** Per route name: the fixture of each consumed cell (`role/relation`). */
  const own = new Map<string, Map<string, F>>();
  const counts = new Map<Kind, number>();
  const cells = roles.flatMap((role) => relations.map((relation) => [role, relation] as const));

  const names = new Set<string>();
  for (const route of routes) {
    if (names.has(route.name)) throw new Error(`two routes named ${route.name}`);
    names.add(route.name);
    for (const role of roles) {
      for (const relation of relations) {
        if (route.expect[role]?.[relation] === undefined)
          throw new Error(`${route.name}: no expected value for ${role} × ${relation}`);
      }
    }
  }

  const matrix: AccessMatrix<F, Kind, Role, Relation> = {
    async build() {
      const wanted: Array<{ kind: Kind; route?: string; cell?: string }> = [];
      for (const kind of new Set(routes.map((r) => r.fixture))) wanted.push({ kind });
      for (const route of routes) {
        if (!route.consumes) continue;
        for (const [role, relation] of cells) {
          if (succeeds(route.expect[role][relation]))
            wanted.push({ kind: route.fixture, route: route.name, cell: `${role}/${relation}` });
        }
      }
      const fixtures = await inBatches(wanted, options.buildConcurrency ?? 4, (w) => options.build(w.kind));
      const built = wanted.map((w, i) => ({ ...w, fixture: fixtures[i] as F }));
      for (const b of built) {
        counts.set(b.kind, (counts.get(b.kind) ?? 0) + 1);
        if (!b.route || !b.cell) shared.set(b.kind, b.fixture);
        else {
          const cellsOf = own.get(b.route) ?? new Map<string, F>();
          cellsOf.set(b.cell, b.fixture);
          own.set(b.route, cellsOf);
        }
      }
      await options.prepare?.(built);
    },

    shared(kind) {
      if (!shared.has(kind)) throw new Error(`no fixture of kind ${kind}: build() first`);
      return shared.get(kind) as F;
    },

    async run(route) {
      const got = Object.fromEntries(roles.map((role) => [role, {}])) as Matrix<Role, Relation>;
      const runCells = async () => {
        await inBatches(
          cells,
          route.sequential ? 1 : (options.cellConcurrency ?? 8),
          async ([role, relation]) => {
            const f = own.get(route.name)?.get(`${role}/${relation}`) ?? matrix.shared(route.fixture);
            const result = await route.call(f, { role, relation, headers: options.caller(role, relation) });
            got[role][relation] = typeof result === 'object' ? result.statusCode : result;
          },
        );
      };
      await (route.around ? route.around(runCells) : runCells());
      return cells
        .filter(([role, relation]) => got[role][relation] !== route.expect[role][relation])
        .map(
          ([role, relation]) =>
            `${role} × ${relation}: ${got[role][relation]}, expected ${route.expect[role][relation]}`,
        );
    },

    tests(timeout) {
      for (const route of routes) {
        it(
          route.name,
          async () => {
            expect(await matrix.run(route)).toEqual([]);
          },
          timeout,
        );
      }
    },

    built: () => counts,
  };
  return matrix;
}

/** A matrix row: `value` for every relation, except the ones given. */
export function matrixRow<Relation extends string>(
  relations: readonly Relation[],
  value: Cell,
  cells: Partial<Record<Relation, Cell>> = {},
): Record<Relation, Cell> {
  return Object.fromEntries(relations.map((r) => [r, cells[r] ?? value])) as Record<Relation, Cell>;
}
