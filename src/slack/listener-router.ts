import type { App } from "./bolt";

// Bolt tries every listener it holds on every request: each one's middleware chain runs (a copy of
// the request's arguments per step, a promise per listener) only to find the one or two that
// match. With a listener for each button, form, command and event, that was 27 chains for every
// /reference, about a tenth of the app's CPU per request. So listeners register here, as they would
// with Bolt, and Bolt holds one listener per Slack surface, which runs the handlers whose constraint
// matches, as Bolt would have: a string equal to the request's ID, or a pattern it satisfies; every
// matching handler runs, and a failure is Bolt's to report.

/** What a listener file registers with: Bolt's own methods, so handlers keep Bolt's types. */
export type Registrar = Pick<App, "action" | "command" | "event" | "shortcut" | "view">;

type Surface = keyof Registrar;
type Constraint = string | RegExp;
// Bolt's arguments for the surface, passed through untouched.
type Handler = (args: never) => Promise<void>;

/** What each surface's constraints are matched against, read as Bolt's matchers read it. */
const ID_OF: Record<Surface, (args: RoutedArgs) => string | undefined> = {
  action: (args) => args.payload?.action_id,
  command: (args) => args.command?.command,
  event: (args) => args.event?.type,
  shortcut: (args) => args.body?.callback_id,
  view: (args) => args.body?.view?.callback_id,
};

interface RoutedArgs {
  payload?: { action_id?: string };
  command?: { command?: string };
  event?: { type?: string };
  body?: { callback_id?: string; view?: { callback_id?: string } };
}

/** Bolt matches anything with this: which handler runs is decided here. */
const ANY = /[\s\S]*/;

const matches = (constraint: Constraint, id: string): boolean =>
  typeof constraint === "string" ? constraint === id : constraint.test(id);

export interface ListenerRouter {
  registrar: Registrar;
  /** Gives Bolt one listener for each surface that has handlers. */
  install(app: App): void;
}

export function listenerRouter(): ListenerRouter {
  const routes = new Map<Surface, { constraint: Constraint; handler: Handler }[]>();
  const register =
    (surface: Surface) =>
    (constraint: unknown, ...handlers: unknown[]): void => {
      // Only the forms the app uses: an object of constraints would need Bolt's other matchers.
      if (typeof constraint !== "string" && !(constraint instanceof RegExp))
        throw new Error(`${surface} listeners are routed by an ID or a pattern, not ${String(constraint)}`);
      if (constraint instanceof RegExp && (constraint.global || constraint.sticky))
        throw new Error(
          `${surface} pattern ${constraint} must not be global or sticky: it is tested again and again`,
        );
      const [handler, ...rest] = handlers;
      if (typeof handler !== "function" || rest.length > 0)
        throw new Error(`${surface} ${String(constraint)}: one handler, no middleware`);
      routes.set(surface, [...(routes.get(surface) ?? []), { constraint, handler: handler as Handler }]);
    };

  const registrar = {
    action: register("action"),
    command: register("command"),
    event: register("event"),
    shortcut: register("shortcut"),
    view: register("view"),
  } as unknown as Registrar;

  return {
    registrar,
    install(app) {
      for (const [surface, table] of routes) {
        const route = async (args: RoutedArgs): Promise<void> => {
          const id = ID_OF[surface](args);
          if (id === undefined) return;
          const running = table
            .filter(({ constraint }) => matches(constraint, id))
            .map(({ handler }) => handler(args as never));
          const failures = (await Promise.allSettled(running)).filter(
            (result) => result.status === "rejected",
          );
          if (failures.length === 1) throw failures[0]?.reason;
          if (failures.length > 1)
            throw new AggregateError(
              failures.map((failure) => failure.reason),
              `${failures.length} ${surface} listeners failed`,
            );
        };
        (app[surface] as (constraint: RegExp, listener: typeof route) => void).call(app, ANY, route);
      }
    },
  };
}
