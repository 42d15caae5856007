import { describe, expect, it } from "@effect/vitest"
import { StatusCallback } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { issuesOf, reference } from "./utils.js"

const examples = reference("examples.json")
const spec = reference("sw-voice-status-callback.example.json")
type Pairs = ReadonlyArray<readonly [string, string]>

describe("StatusCallback", () => {
  it("decodes the example callback of examples.json and writes the same fields back, in order", () =>
    Effect.gen(function*() {
      const pairs: Pairs = examples.status_callback_form
      const callback = yield* StatusCallback.fromFormParams(pairs)
      expect(callback).toBeInstanceOf(StatusCallback.StatusCallback)
      expect(callback).toMatchObject({
        accountSid: "b3877c40-da60-4998-90ad-b792e98472af",
        apiVersion: "2010-04-01",
        callSid: "b3877c40-da60-4998-90ad-b792e98472ca",
        callStatus: "completed",
        callDuration: 20,
        direction: "outbound-api",
        from: "+13103384645",
        to: "+13105678901",
        timestamp: new Date("2018-09-19T20:00:21Z"),
        sequenceNumber: 3,
        callbackSource: "call-progress-events"
      })
      expect(StatusCallback.toFormParams(callback)).toStrictEqual(pairs)
    }).pipe(Effect.runSync))

  it("decodes every field of the spec's example payload (sw-voice-status-callback.example.json)", () =>
    Effect.gen(function*() {
      const callback = yield* StatusCallback.fromFormParams(Object.entries(spec.form_fields))
      expect(callback).toMatchObject({
        callDuration: 94,
        callerName: "Jane Smith",
        forwardedFrom: "+15550001111",
        parentCallSid: "b3877c40-da60-4998-90ad-b792e98472pa",
        recordingDuration: 94,
        sipResultCode: "200",
        sipInviteResultPhrase: "OK",
        audioInMos: 4.3,
        audioInMediaPacketCount: 1842,
        audioOutMediaPacketCount: 1840,
        sequenceNumber: 4
      })
      const written = new Map(StatusCallback.toFormParams(callback))
      expect(Object.fromEntries(written)).toStrictEqual(spec.form_fields)
    }).pipe(Effect.runSync))

  it("ignores fields it does not know (Twilio's Called, Caller, ...)", () =>
    Effect.gen(function*() {
      const callback = yield* StatusCallback.fromFormParams([...examples.status_callback_form, ["Called", "+13105678901"]])
      expect(StatusCallback.toFormParams(callback)).toStrictEqual(examples.status_callback_form)
    }).pipe(Effect.runSync))

  it("names the missing and malformed fields", () => {
    const pairs: Pairs = examples.status_callback_form
    const broken = pairs
      .filter(([name]) => name !== "CallSid")
      .map(([name, value]): readonly [string, string] => name === "SequenceNumber" ? [name, "first"] : [name, value])
    const issues = issuesOf(StatusCallback.StatusCallbackForm, broken)
    expect(issues.map((issue) => issue.path)).toStrictEqual([["CallSid"], ["SequenceNumber"]])
  })

  it("decodes a callback whose non-essential fields are odd, leaving them out and reporting them", () =>
    Effect.gen(function*() {
      const pairs: Pairs = examples.status_callback_form
      // A field given twice reads its last value.
      const callback = yield* StatusCallback.fromFormParams([
        ...pairs,
        ["CallDuration", ""],
        ["Timestamp", "now"],
        ["ParentCallSid", ""],
        ["AudioInMos", "good"],
        ["ApiVersion", ""]
      ])
      expect(callback).toMatchObject({ callSid: "b3877c40-da60-4998-90ad-b792e98472ca", callStatus: "completed", sequenceNumber: 3, apiVersion: "" })
      expect(callback).not.toHaveProperty("callDuration")
      expect(callback).not.toHaveProperty("timestamp")
      expect(callback.unreadable.map(({ field, value }) => [field, value])).toStrictEqual([
        ["CallDuration", ""],
        ["Timestamp", "now"],
        ["ParentCallSid", ""],
        ["AudioInMos", "good"]
      ])
    }).pipe(Effect.runSync))

  it.prop(
    "any non-essential field replaced by any string, or removed: decodes, essentials equal",
    [
      StatusCallback.StatusCallback,
      FastCheck.constantFrom("ApiVersion", "CallDuration", "Direction", "Timestamp", "CallbackSource", "ParentCallSid", "RecordingDuration", "AudioInMos"),
      FastCheck.option(FastCheck.string(), { nil: undefined })
    ],
    ([callback, field, value]) =>
      Effect.gen(function*() {
        const pairs = StatusCallback.toFormParams(callback).filter(([name]) => name !== field)
        const drifted = yield* StatusCallback.fromFormParams(value === undefined ? pairs : [...pairs, [field, value]])
        const essentials = (c: StatusCallback.StatusCallback) => [c.accountSid, c.callSid, c.callStatus, c.from, c.to, c.sequenceNumber]
        expect(essentials(drifted)).toStrictEqual(essentials(callback))
        expect(drifted.unreadable.every((dropped) => dropped.field === field && dropped.value === value)).toBe(true)
      }).pipe(Effect.runSync)
  )

  it.prop("fromFormParams(toFormParams(x)) = x", [StatusCallback.StatusCallback], ([callback]) =>
    Effect.gen(function*() {
      expect(yield* StatusCallback.fromFormParams(StatusCallback.toFormParams(callback))).toStrictEqual(callback)
    }).pipe(Effect.runSync))

  it("decodes through the class schema from the named fields", () => {
    const fields = Object.fromEntries(examples.status_callback_form)
    expect(Schema.decodeUnknownSync(StatusCallback.StatusCallback)(fields).sequenceNumber).toBe(3)
  })
})
