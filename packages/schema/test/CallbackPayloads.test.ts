/**
 * `AsyncAmdStatusCallback` and `RecordingStatusCallback`: the documented payloads decode to
 * camelCase with numbers and dates and encode back; unknown enum values are kept; extra fields
 * are ignored; a non-essential field that does not fit is dropped, not fatal; an essential one
 * fails with its name.
 */
import { AsyncAmdStatusCallback, RecordingStatusCallback } from "@effect-signalwire/schema"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fc from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { issuesOf } from "./utils.js"

const payloads = JSON.parse(readFileSync(new URL("./fixtures/callback-payloads.json", import.meta.url), "utf8"))
const recording: Record<string, string> = payloads.recording_status_callback
const amd: Record<string, string> = payloads.async_amd_status_callback

const odd = fc.oneof(fc.constantFrom("", " ", "abc", "-1", "1.5", "NaN", "{}", "null", "Wed, 99 Foo"), fc.string())

describe("RecordingStatusCallback", () => {
  it.effect("decodes the spec's example payload and writes the same fields back", () =>
    Effect.gen(function*() {
      const callback = yield* RecordingStatusCallback.fromFormParams(Object.entries(recording))
      expect(callback).toBeInstanceOf(RecordingStatusCallback.RecordingStatusCallback)
      expect(callback).toMatchObject({
        accountSid: "b3877c40-da60-4998-90ad-b792e98472af",
        callSid: "b3877c40-da60-4998-90ad-b792e98472ca",
        recordingSid: "b3877c40-da60-4998-90ad-b792e984re01",
        recordingStatus: "completed",
        recordingDuration: 94,
        recordingChannels: 1,
        recordingSource: "RecordVerb"
      })
      expect(Object.fromEntries(RecordingStatusCallback.toFormParams(callback))).toStrictEqual(recording)
    }))

  it.effect("reads RecordingStartTime as a Date, keeps an unknown status, ignores extra fields", () =>
    Effect.gen(function*() {
      const callback = yield* RecordingStatusCallback.fromFormParams(Object.entries({
        ...recording,
        RecordingStatus: "transcoding",
        RecordingStartTime: "Wed, 19 Sep 2018 20:00:00 +0000",
        RecordingTrack: "both",
        ErrorCode: "0"
      }))
      expect(callback.recordingStatus).toBe("transcoding")
      expect(Schema.is(RecordingStatusCallback.KnownRecordingStatus)(callback.recordingStatus)).toBe(false)
      expect(callback.recordingStartTime).toStrictEqual(new Date("2018-09-19T20:00:00Z"))
      expect(callback.errorCode).toBe("0")
      expect(callback).not.toHaveProperty("recordingTrack")
    }))

  it.effect("every non-essential field empty: still decoded, each reported in unreadable", () =>
    Effect.gen(function*() {
      const empty = { RecordingUrl: "", RecordingDuration: "", RecordingChannels: "", RecordingSource: "", RecordingStartTime: "" }
      const callback = yield* RecordingStatusCallback.fromFormParams(Object.entries({ ...recording, ...empty }))
      expect(callback.recordingStatus).toBe("completed")
      expect(callback.unreadable.map(({ field }) => field).sort()).toStrictEqual(Object.keys(empty).sort())
      expect(RecordingStatusCallback.toFormParams(callback).map(([name]) => name)).toStrictEqual(["AccountSid", "CallSid", "RecordingSid", "RecordingStatus"])
    }))

  it("an essential field missing or malformed fails with its name", () => {
    const { CallSid: _, ...withoutCall } = recording
    expect(issuesOf(RecordingStatusCallback.RecordingStatusCallbackForm, Object.entries(withoutCall)).map((issue) => issue.path))
      .toStrictEqual([["CallSid"]])
    expect(issuesOf(RecordingStatusCallback.RecordingStatusCallbackForm, Object.entries({ ...recording, RecordingSid: "" })).map((issue) => issue.path))
      .toStrictEqual([["RecordingSid"]])
  })

  it.effect.prop("fromFormParams(toFormParams(x)) = x", [RecordingStatusCallback.RecordingStatusCallback], ([callback]) =>
    Effect.gen(function*() {
      expect(yield* RecordingStatusCallback.fromFormParams(RecordingStatusCallback.toFormParams(callback))).toStrictEqual(callback)
    }), { fastCheck: { numRuns: 30 } })

  it.effect.prop(
    "a non-essential field with any value, or missing, still decodes with the essentials unchanged",
    {
      field: fc.constantFrom("RecordingUrl", "RecordingDuration", "RecordingChannels", "RecordingSource", "RecordingStartTime", "ErrorCode"),
      value: fc.option(odd, { nil: undefined })
    },
    ({ field, value }) =>
      Effect.gen(function*() {
        const fields = { ...recording, [field]: value }
        if (value === undefined) delete fields[field]
        const callback = yield* RecordingStatusCallback.fromFormParams(Object.entries(fields) as Array<[string, string]>)
        expect([callback.accountSid, callback.callSid, callback.recordingSid, callback.recordingStatus])
          .toStrictEqual([recording.AccountSid, recording.CallSid, recording.RecordingSid, recording.RecordingStatus])
        // A value that did not fit is left out and reported, with its name, as it came.
        const dropped = callback.unreadable.map(({ field, value }) => [field, value])
        expect(dropped).toStrictEqual(dropped.length === 0 ? [] : [[field, value]])
        if (dropped.length === 1) expect(RecordingStatusCallback.essentialFields).not.toContain(field)
      })
  )
})

describe("AsyncAmdStatusCallback", () => {
  it.effect("decodes the documented fields and writes them back", () =>
    Effect.gen(function*() {
      const callback = yield* AsyncAmdStatusCallback.fromFormParams(Object.entries(amd))
      expect(callback).toMatchObject({
        accountSid: amd.AccountSid,
        callSid: amd.CallSid,
        answeredBy: "machine_end_beep",
        machineDetectionDuration: 3120
      })
      expect(Object.fromEntries(AsyncAmdStatusCallback.toFormParams(callback))).toStrictEqual(amd)
    }))

  it.effect("keeps an unknown AnsweredBy, drops a duration that is not a number, ignores extra fields", () =>
    Effect.gen(function*() {
      const callback = yield* AsyncAmdStatusCallback.fromFormParams(Object.entries({
        ...amd,
        AnsweredBy: "robot",
        MachineDetectionDuration: "soon",
        Called: "+15551234567"
      }))
      expect(callback.answeredBy).toBe("robot")
      expect(callback.machineDetectionDuration).toBeUndefined()
      expect(callback.unreadable.map(({ field, value }) => [field, value])).toStrictEqual([["MachineDetectionDuration", "soon"]])
      expect(AsyncAmdStatusCallback.toFormParams(callback)).toStrictEqual([["AccountSid", amd.AccountSid], ["CallSid", amd.CallSid], ["AnsweredBy", "robot"]])
    }))

  it("a missing AnsweredBy fails with its name", () => {
    const { AnsweredBy: _, ...rest } = amd
    expect(issuesOf(AsyncAmdStatusCallback.AsyncAmdStatusCallbackForm, Object.entries(rest)).map((issue) => issue.path))
      .toStrictEqual([["AnsweredBy"]])
  })

  it.effect.prop("fromFormParams(toFormParams(x)) = x", [AsyncAmdStatusCallback.AsyncAmdStatusCallback], ([callback]) =>
    Effect.gen(function*() {
      expect(yield* AsyncAmdStatusCallback.fromFormParams(AsyncAmdStatusCallback.toFormParams(callback))).toStrictEqual(callback)
    }))
})
