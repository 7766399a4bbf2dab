/**
 * The logging shape Herald's code depends on. Powertools' Logger satisfies it
 * in Lambda and in the local runtime; tests pass a recorder.
 */
export type HeraldLogger = {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
  error(message: string, extra: Record<string, unknown>): void;
};
