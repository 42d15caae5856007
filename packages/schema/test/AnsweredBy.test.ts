import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import { AnsweredBy } from "@effect-signalwire/schema"
import * as Schema from "effect/Schema"
import { issuesOf } from "./utils.js"

const decode = Schema.decodeUnknownSync(AnsweredBy.AnsweredBy)
// SignalWire documents human and machine; Twilio's finer values are known too.
const known = [
  "human",
  "machine",
  "machine_start",
  "machine_end_beep",
  "machine_end_silence",
  "machine_end_other",
  "fax",
  "unknown"
] as const

describe("AnsweredBy", () => {
  it.each(known.map((value) => [value]))("knows %j", (value) => {
    expect(AnsweredBy.isKnownAnsweredBy(decode(value))).toBe(true)
  })

  it("keeps an unknown value, as unrecognized", () => {
    const answeredBy = decode("robot")
    expect(answeredBy).toBe("robot")
    expect(AnsweredBy.isKnownAnsweredBy(answeredBy)).toBe(false)
    if (!AnsweredBy.isKnownAnsweredBy(answeredBy)) {
      expectTypeOf(answeredBy).toEqualTypeOf<AnsweredBy.UnrecognizedAnsweredBy>()
    }
  })

  it.each([[null], [1]])("rejects %j", (value) => {
    expect(issuesOf(AnsweredBy.AnsweredBy, value).length).toBeGreaterThan(0)
  })

  it("types", () => {
    expectTypeOf<AnsweredBy.KnownAnsweredBy>().toEqualTypeOf<(typeof known)[number]>()
    expectTypeOf<string>().not.toExtend<AnsweredBy.AnsweredBy>()
  })
})
