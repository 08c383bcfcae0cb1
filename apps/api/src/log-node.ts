/**
 * The log on Node: pino, writing asynchronously (a buffer flushed to stdout
 * in the background) instead of one synchronous write per request. The
 * lines keep their fields; every line now says its level ("info" for
 * requests, "error" for failures), and pino adds no time or host fields of
 * its own (each line has `at`).
 */
import pino from "pino"

/** A log for `createApp`, and a flush for shutdown. */
export const nodeLog = () => {
  const logger = pino(
    { base: null, timestamp: false, formatters: { level: (label) => ({ level: label }) } },
    pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  )
  return {
    log: ({ level, ...line }: Record<string, unknown>) =>
      level === "error" ? logger.error(line) : logger.info(line),
    flush: () => new Promise<void>((resolve) => logger.flush(() => resolve())),
  }
}
