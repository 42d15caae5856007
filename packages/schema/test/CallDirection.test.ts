import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import { CallDirection } from "@effect-signalwire/schema"
import * as Schema from "effect/Schema"
import { issuesOf } from "./utils.js"

const decode = Schema.decodeUnknownSync(CallDirection.CallDirection)
// SignalWire's spec says inbound | outbound; its responses and callbacks (like Twilio's) outbound-api, outbound-dial.
const known = ["inbound", "outbound", "outbound-api", "outbound-dial"] as const

describe("CallDirection", () => {
  it.each(known.map((direction) => [direction]))("knows %j", (direction) => {
    expect(CallDirection.isKnownCallDirection(decode(direction))).toBe(true)
  })

  it("keeps an unknown direction, as unrecognized", () => {
    const direction = decode("trunking")
    expect(direction).toBe("trunking")
    expect(CallDirection.isKnownCallDirection(direction)).toBe(false)
    if (!CallDirection.isKnownCallDirection(direction)) {
      expectTypeOf(direction).toEqualTypeOf<CallDirection.UnrecognizedCallDirection>()
    }
  })

  it.each([[null], [true]])("rejects %j", (direction) => {
    expect(issuesOf(CallDirection.CallDirection, direction).length).toBeGreaterThan(0)
  })

  it("types", () => {
    expectTypeOf<CallDirection.KnownCallDirection>().toEqualTypeOf<(typeof known)[number]>()
    expectTypeOf<CallDirection.CallDirection>().toEqualTypeOf<
      CallDirection.KnownCallDirection | CallDirection.UnrecognizedCallDirection
    >()
    expectTypeOf<string>().not.toExtend<CallDirection.CallDirection>()
  })
})
