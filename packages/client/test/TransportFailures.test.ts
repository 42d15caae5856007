/**
 * The classification table of docs/errors-and-retries.md, checked against what each runtime
 * really reported (fixtures/transport-failures.json, measured by test/runtimes/probe.ts): every
 * runtime x failure, rebuilt as the same chain of errors, goes through the real client under the
 * default "retry only what provably was not processed" rule, with three immediate retries.
 */
import { CreateCallError, createCall, RetryPolicy, SignalWireClient } from "@effect-signalwire/client"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import { readFileSync } from "node:fs"
import { input, options } from "./fixtures.js"

interface Link {
  readonly type: "TypeError" | "Error" | "SocketError"
  readonly message: string
  readonly code?: string
}

type Failure = "connectionRefused" | "dnsFailure" | "tlsHandshakeFailed" | "certificateRejected" | "resetAfterSending" | "closedAfterSending"

const measured: {
  readonly versions: Record<string, string>
  readonly failures: Record<string, Record<Failure, ReadonlyArray<Link>>>
} = JSON.parse(readFileSync(new URL("./fixtures/transport-failures.json", import.meta.url), "utf8"))

/** The chain as the runtime threw it: each link the `cause` of the one before. */
const rebuild = (chain: ReadonlyArray<Link>): unknown =>
  chain.reduceRight<unknown>((cause, link) => {
    const init = cause === undefined ? undefined : { cause }
    const error = link.type === "TypeError" ? new TypeError(link.message, init) : new Error(link.message, init)
    if (link.type === "SocketError") error.name = "SocketError"
    return link.code === undefined ? error : Object.assign(error, { code: link.code })
  }, undefined)

type Expected =
  | { readonly _tag: "TransportError"; readonly reason: "Connect" | "Tls"; readonly attempts: number }
  | { readonly _tag: "OutcomeUnknown"; readonly reason: "ConnectionLost"; readonly attempts: 1 }

const connect: Expected = { _tag: "TransportError", reason: "Connect", attempts: 4 }
const tls: Expected = { _tag: "TransportError", reason: "Tls", attempts: 1 }
const unknown: Expected = { _tag: "OutcomeUnknown", reason: "ConnectionLost", attempts: 1 }

/** The table: what each failure must become. workerd says "Network connection lost." or "internal error" for all. */
const expected = (runtime: string, failure: Failure): Expected => {
  if (runtime === "workerd") return unknown
  switch (failure) {
    case "connectionRefused":
    case "dnsFailure":
      return connect
    case "tlsHandshakeFailed":
    case "certificateRejected":
      return tls
    case "resetAfterSending":
    case "closedAfterSending":
      return unknown
  }
}

const cases = Object.entries(measured.failures).flatMap(([runtime, failures]) =>
  Object.entries(failures).map(([failure, chain]) => [runtime, failure as Failure, chain] as const)
)

const failingWith = (cause: unknown) =>
  Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) => Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
  )

describe("transport failures as each runtime reports them", () => {
  it("covers seven runtimes x six failures", () => {
    expect(Object.keys(measured.failures).sort()).toStrictEqual(
      ["Bun", "Deno", "Node fetch", "Node node:http", "Node undici", "edge-runtime", "workerd"]
    )
    expect(cases).toHaveLength(42)
  })

  it.effect.each(cases)("%s, %s", ([runtime, failure, chain]) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(createCall(input))
      const want = expected(runtime, failure)
      expect({ _tag: error._tag, reason: "reason" in error ? error.reason : undefined, attempts: "attempts" in error ? error.attempts : undefined })
        .toStrictEqual(want)
      expect(CreateCallError.isCreateCallError(error)).toBe(true)
      // The runtime's own words stay readable in the message.
      expect(error.message).toContain(chain[chain.length - 1]!.message.split("\n")[0]!.trim())
      if (want._tag === "TransportError" && want.reason === "Tls") {
        expect(error.message).toMatch(failure === "certificateRejected" ? /certificate was rejected/ : /does not speak HTTPS on this port/)
      }
    }).pipe(Effect.provide(
      SignalWireClient.layer(options({ retry: RetryPolicy.make({ schedule: Schedule.recurs(3) }) })).pipe(
        Layer.provide(failingWith(rebuild(chain)))
      )
    )))
})
