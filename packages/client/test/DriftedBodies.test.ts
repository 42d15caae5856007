/**
 * A call that was placed is never reported as a failure: over a real connection, a 201 whose body
 * drifted from SignalWire's (a field `""`, of another type, or missing; Twilio's SDK fixture)
 * still gives the `Call`, with what did not fit logged at debug level; a 201 whose body yields no
 * call at all fails with `PlacedButUnreadable`, sent once under the default retry policy.
 */
import { describe, expect, it } from "@effect/vitest"
import { createCall, CreateCallError } from "@effect-signalwire/client"
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import { readFileSync } from "node:fs"
import { clientLayer, createdCallJson, failureOf, httpClients, json, make, respond } from "./wireServer.js"

const input = { to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" } as const

// Copied in the schema package from twilio/twilio-node (the file names its source).
const twilio = JSON.parse(
  readFileSync(new URL("../../schema/test/fixtures/twilio-node-call-spec.json", import.meta.url), "utf8")
)

const without = (field: string) => {
  const { [field]: _, ...rest } = createdCallJson
  return rest
}

/** Bodies that drifted, and the fields the decoded call reports as unreadable. */
const drifted: ReadonlyArray<readonly [name: string, body: Record<string, unknown>, unreadable: ReadonlyArray<string>]> = [
  ["phone_number_sid \"\"", { ...createdCallJson, phone_number_sid: "" }, ["phone_number_sid"]],
  ["parent_call_sid \"\"", { ...createdCallJson, parent_call_sid: "" }, ["parent_call_sid"]],
  ["start_time \"\"", { ...createdCallJson, start_time: "" }, ["start_time"]],
  ["price \"\"", { ...createdCallJson, price: "" }, ["price"]],
  ["duration \"\"", { ...createdCallJson, duration: "" }, ["duration"]],
  ["a number as caller_name", { ...createdCallJson, caller_name: 42 }, ["caller_name"]],
  ["a non-string entry in subresource_uris", { ...createdCallJson, subresource_uris: { recordings: { href: "/r" } } }, [
    "subresource_uris"
  ]],
  ["an ISO date as start_time, a numeric string as duration", { ...createdCallJson, start_time: "2019-02-03T21:36:05Z", duration: "12" }, []],
  ["no date_updated", without("date_updated"), []],
  ["no direction", without("direction"), []],
  ["no uri", without("uri"), []],
  ["several at once", { ...createdCallJson, price: {}, direction: [], answered_by: true }, ["price", "direction", "answered_by"]],
  ["Twilio's SDK create fixture", twilio.create.body, []]
]

/** Debug logs, as one line each: the message and its annotations. */
const recordLogs = Effect.sync(() => {
  const lines: Array<string> = []
  const logger = Logger.make(({ annotations, message }) => {
    lines.push(`${String(message)} ${JSON.stringify(Object.fromEntries(HashMap.toEntries(annotations)))}`)
  })
  return { lines, layer: Logger.replace(Logger.defaultLogger, logger) }
})

describe.each(httpClients)("drifted 201 bodies over the wire with %s", (_name, httpClient) => {
  it.scopedLive.each(drifted)("%s: the Call, with the odd fields reported and logged", ([, body, unreadable]) =>
    Effect.gen(function*() {
      const server = yield* make(() => json(201, body))
      const logs = yield* recordLogs
      const call = yield* createCall(input).pipe(
        Effect.provide(clientLayer(server.origin, httpClient)),
        Effect.provide(logs.layer),
        Logger.withMinimumLogLevel(LogLevel.Debug)
      )
      expect(call).toMatchObject({ sid: body.sid, accountSid: body.account_sid, to: body.to, from: body.from, status: body.status })
      expect(call.unreadable.map(({ field }) => field)).toStrictEqual(unreadable)
      expect(call.unreadable.map(({ value }) => value)).toStrictEqual(unreadable.map((field) => body[field]))
      const logged = logs.lines.filter((line) => line.includes("did not decode"))
      expect(logged).toHaveLength(unreadable.length === 0 ? 0 : 1)
      for (const field of unreadable) expect(logged[0]).toContain(`${field}=`)
      if (unreadable.length > 0) expect(logged[0]).toContain("SignalWire Create Call: fields that did not decode")
      expect(yield* server.count).toBe(1)
    }))

  it.scopedLive.each([
    ["JSON without a sid", json(201, without("sid")), undefined],
    ["JSON whose status is not a string", json(201, { ...createdCallJson, status: 3 }), createdCallJson.sid],
    ["a body cut off midway", respond(201, JSON.stringify(createdCallJson).slice(0, 120), { "content-type": "application/json" }), createdCallJson.sid],
    ["an empty body", respond(201, ""), undefined]
  ] as const)("%s: PlacedButUnreadable (the call was placed), sent once", ([, reply, sid]) =>
    Effect.gen(function*() {
      const server = yield* make(() => reply)
      const error = yield* failureOf(createCall(input).pipe(Effect.provide(clientLayer(server.origin, httpClient))))
      expect(error).toBeInstanceOf(CreateCallError.PlacedButUnreadable)
      if (!(error instanceof CreateCallError.PlacedButUnreadable)) return
      expect(error.status).toBe(201)
      expect(error.sid).toBe(sid)
      expect(error.message).toContain("SignalWire placed the call")
      expect(error.message).toContain("findCreatedCalls")
      expect(error.request.to).toBe(input.to)
      expect(yield* server.count).toBe(1)
    }))
})
