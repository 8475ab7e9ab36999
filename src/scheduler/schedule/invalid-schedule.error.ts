/**
 * A schedule the client sent cannot be accepted. `field` is the dotted path of the offending input
 * (`schedule.cron`) so an API layer can point at it; the message starts with the same path so it still
 * reads well when shown on its own.
 */
export class InvalidScheduleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidScheduleError';
  }
}
