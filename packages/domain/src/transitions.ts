/**
 * Declarative state machines: one table per aggregate (referral, case, meeting, plan draft,
 * cooperation agreement), state × action → next state, with the statute section where the
 * law sets the step. A cell not in the table is refused; the aggregate's own module says
 * with which error (its status and problem code), so the table stays free of HTTP.
 */
export interface Transition<S extends string, A extends string> {
  from: S;
  action: A;
  to: S;
  /** The section of law that makes this step, when one does (e.g. `381/2023 §8`). */
  statute?: string;
}

export interface TransitionTable<S extends string, A extends string> {
  readonly name: string;
  readonly states: readonly S[];
  readonly actions: readonly A[];
  readonly transitions: readonly Transition<S, A>[];
  /** The step `action` takes from `from`, or null when the table has none. */
  find(from: S, action: A): Transition<S, A> | null;
  /** The states from which `action` is allowed. */
  sourcesOf(action: A): S[];
}

/**
 * Builds a table, refusing a table with an unknown state or action or two cells for one
 * (state, action) pair: a machine has one answer per cell.
 */
export function defineTransitions<S extends string, A extends string>(
  name: string,
  states: readonly S[],
  actions: readonly A[],
  transitions: readonly Transition<S, A>[],
): TransitionTable<S, A> {
  const cells = new Map<string, Transition<S, A>>();
  for (const t of transitions) {
    if (!states.includes(t.from) || !states.includes(t.to)) {
      throw new Error(`${name}: unknown state in ${t.from} → ${t.to}`);
    }
    if (!actions.includes(t.action)) throw new Error(`${name}: unknown action ${t.action}`);
    const key = `${t.from}\u0000${t.action}`;
    if (cells.has(key)) throw new Error(`${name}: two transitions for ${t.from} × ${t.action}`);
    cells.set(key, t);
  }
  return {
    name,
    states,
    actions,
    transitions,
    find: (from, action) => cells.get(`${from}\u0000${action}`) ?? null,
    sourcesOf: (action) => transitions.filter((t) => t.action === action).map((t) => t.from),
  };
}

/**
 * The step `action` takes from `from`; when the table has none, throws what `refuse` gives
 * (the aggregate's own error for that cell).
 */
export function applyTransition<S extends string, A extends string>(
  table: TransitionTable<S, A>,
  from: S,
  action: A,
  refuse: (from: S, action: A) => Error,
): Transition<S, A> {
  const t = table.find(from, action);
  if (!t) throw refuse(from, action);
  return t;
}
