/**
 * The decider core every aggregate follows: commands decide, events record.
 * `decide` returns events or throws a DomainError; `evolve` never throws.
 */
export type DomainEvent<Type extends string = string, Data extends object = object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

export type Role = 'coordinator' | 'librarian' | 'auditor' | 'subscriber' | 'metrics' | 'system';

/** Who is acting. `library` is the ISIL a key is bound to, never taken from a request body. */
export type Actor = Readonly<{ role: Role; library?: string }>;

/** Time and the actor come in from outside, so deciders stay deterministic. */
export type CommandMetadata = Readonly<{ now: Date; actor: Actor }>;

export type Command<Type extends string = string, Data extends object = object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: CommandMetadata;
}>;

export interface Decider<State, C extends Command, E extends DomainEvent> {
  decide(command: C, state: State): E[];
  evolve(state: State, event: E): State;
  initialState(): State;
  /**
   * False when no decision depends on the stream's past (every rule is in the
   * command itself): commands then append without reading the stream, so
   * their cost does not grow with it.
   */
  readonly readsHistory?: false;
}

export const fold = <State, E extends DomainEvent>(
  decider: Pick<Decider<State, never, E>, 'evolve' | 'initialState'>,
  events: readonly E[],
): State => events.reduce(decider.evolve, decider.initialState());

/**
 * Decides commands one after another, each on the state the events decided
 * before it leave: the events of them all, or the refusal of the first one
 * refused and none.
 */
export const decideInTurn = <State, C extends Command, E extends DomainEvent>(
  decider: Pick<Decider<State, C, E>, 'decide' | 'evolve'>,
  commands: readonly C[],
  state: State,
): E[] => {
  // One command (every command but an ISO 18626 message's): its events, with no state folded for a next one.
  if (commands.length === 1) return decider.decide(commands[0], state);
  const events: E[] = [];
  for (const command of commands) {
    const decided = decider.decide(command, state);
    state = decided.reduce(decider.evolve, state);
    events.push(...decided);
  }
  return events;
};
