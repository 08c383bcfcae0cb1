/** Ends the process when `done` settles: 0 once it resolves, 1 (the error on stderr) if it rejects. */
export const exitWhen = (done: Promise<unknown>) =>
  done.then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`)
      process.exit(1)
    },
  )
