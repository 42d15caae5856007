/**
 * The app every runtime of the matrix runs, bundled by esbuild: `createCall` over
 * `FetchHttpClient.layer`, configured from a record of strings with `SignalWireClient.layerFromEnv`
 * (a Worker's bindings, or `process.env`). It reports each scenario's outcome as plain JSON, so
 * the harness can compare runtimes.
 */
import { CreateCallError, createCall, RetryPolicy, SignalWireClient } from "@effect-signalwire/client"
import { Call } from "@effect-signalwire/schema"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"

/** One run of the app: a name, and the variables it is configured from. */
export interface Scenario {
  readonly name: string
  readonly env: Readonly<Record<string, string>>
}

/** What happened, as JSON: the decoded call, or the error's identity and classification. */
export interface Outcome {
  readonly name: string
  readonly call?: { readonly sid: string; readonly status: string; readonly decoded: boolean }
  readonly error?: {
    readonly tag: string
    readonly identified: boolean
    readonly reason?: string
    readonly code?: string
    readonly status?: number
    readonly attempts?: number
    readonly message: string
  }
}

// Immediate retries: the matrix checks which failures are retried, not how long the client waits.
const retry = RetryPolicy.make({ schedule: Schedule.recurs(3) })

const report = (name: string, error: CreateCallError.CreateCallError | { readonly _tag: string; readonly message: string }): Outcome => ({
  name,
  error: {
    tag: error._tag,
    identified: CreateCallError.isCreateCallError(error),
    message: error.message,
    ...("reason" in error && typeof error.reason === "string" ? { reason: error.reason } : {}),
    ...("code" in error && error.code !== undefined ? { code: String(error.code) } : {}),
    ...("status" in error && typeof error.status === "number" ? { status: error.status } : {}),
    ...("attempts" in error && typeof error.attempts === "number" ? { attempts: error.attempts } : {})
  }
})

/** Places one call as the scenario's configuration says. */
export const runScenario = (scenario: Scenario): Effect.Effect<Outcome> =>
  createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }).pipe(
    Effect.map((call): Outcome => ({
      name: scenario.name,
      call: { sid: call.sid, status: call.status, decoded: call instanceof Call.Call }
    })),
    Effect.provide(SignalWireClient.layerFromEnv(scenario.env, { retry }).pipe(Layer.provide(FetchHttpClient.layer))),
    Effect.catchAll((error) => Effect.succeed(report(scenario.name, error)))
  )

/** Every scenario, one after the other. */
export const runScenarios = (scenarios: ReadonlyArray<Scenario>): Promise<ReadonlyArray<Outcome>> =>
  Effect.runPromise(Effect.forEach(scenarios, runScenario))
