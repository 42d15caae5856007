/**
 * What a benchmark runner is: something that places `count` creates with at most `concurrency`
 * in flight, set up once beforehand (connection pools, layers) so only the creates are measured.
 */
export interface Runner {
  readonly run: (count: number, concurrency: number) => Promise<void>
  readonly close: () => Promise<void>
}

/** The sid in the local server's Call body: every runner checks each create returned it. */
export const expectedSid = "b3877c40-da60-4998-90ad-b792e98472ca"

/**
 * Runs `count` calls of `once` with `concurrency` async workers: the promise-world equivalent of
 * `Effect.forEach(..., { concurrency })`, used for the runners that are not Effect programs.
 */
export const pool = async (count: number, concurrency: number, once: () => Promise<void>): Promise<void> => {
  let started = 0
  const worker = async (): Promise<void> => {
    while (started < count) {
      started++
      await once()
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
}
