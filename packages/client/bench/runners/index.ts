/**
 * The runners the benchmark compares, loaded lazily so each measured process loads only its own.
 */
import type { Runner } from "./Runner.js"

interface RunnerModule {
  readonly make: (origin: string) => Promise<Runner>
}

export const runners = {
  "ours-fetch": { label: "createCall + FetchHttpClient", load: (): Promise<RunnerModule> => import("./effectFetch.js") },
  "ours-undici": { label: "createCall + NodeHttpClient.layerUndici", load: (): Promise<RunnerModule> => import("./effectUndici.js") },
  "sdk": { label: "official SDK 3.2.0", load: (): Promise<RunnerModule> => import("./officialSdk.js") },
  "raw-fetch": { label: "raw fetch (floor)", load: (): Promise<RunnerModule> => import("./rawFetch.js") },
  // The floor of an Effect program over each HttpClient: our overhead (goal 1) is measured against it.
  "floor-fetch": { label: "bare Effect POST + FetchHttpClient", load: (): Promise<RunnerModule> => import("./floorFetch.js") },
  "floor-undici": { label: "bare Effect POST + layerUndici", load: (): Promise<RunnerModule> => import("./floorUndici.js") }
} as const

export type RunnerName = keyof typeof runners

/** What `npm run bench` compares unless `--runners` says otherwise. */
export const defaultRunners: ReadonlyArray<RunnerName> = ["ours-fetch", "ours-undici", "sdk", "raw-fetch", "floor-fetch", "floor-undici"]
