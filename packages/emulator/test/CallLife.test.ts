/**
 * `CallLife` on its own: which rule scripts a call's ending (`matches`, `resolve`, the default
 * destinations) and what an outcome rule accepts as plain data (the admin API sends it as JSON).
 */
import { describe, expect, it } from "@effect/vitest"
import { CallLife } from "@effect-signalwire/emulator"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import * as Schema from "effect/Schema"

const decodeRule = Schema.decodeUnknownEither(CallLife.OutcomeRule)
const phoneNumber = fc.stringMatching(/^\+1[2-9]\d{9}$/)

describe("CallLife", () => {
  describe("matches", () => {
    it("a rule with neither to nor toPattern matches every call", () => {
      expect(CallLife.matches({ outcome: "busy" }, "+13105550100")).toBe(true)
    })

    it("to matches that destination only", () => {
      const rule: CallLife.OutcomeRule = { to: "+13105550100", outcome: "busy" }
      expect(CallLife.matches(rule, "+13105550100")).toBe(true)
      expect(CallLife.matches(rule, "+13105550101")).toBe(false)
    })

    it("toPattern is a regular expression tested against the destination", () => {
      const rule: CallLife.OutcomeRule = { toPattern: "^\\+1310555", outcome: "no-answer" }
      expect(CallLife.matches(rule, "+13105550199")).toBe(true)
      expect(CallLife.matches(rule, "+14155550199")).toBe(false)
    })

    it("with both, a destination must meet both", () => {
      const rule: CallLife.OutcomeRule = { to: "+13105550100", toPattern: "^\\+44", outcome: "failed" }
      expect(CallLife.matches(rule, "+13105550100")).toBe(false)
    })
  })

  describe("resolve", () => {
    it.prop("with no rule, every call completes, answered by a human (no answeredBy)", [phoneNumber], ([to]) => {
      expect(CallLife.resolve([], to)).toStrictEqual({ outcome: "completed" })
    })

    it.prop("the first matching rule wins", [phoneNumber, CallLife.Outcome, CallLife.Outcome], ([to, first, second]) => {
      const rules: ReadonlyArray<CallLife.OutcomeRule> = [
        { to: `${to}0`, outcome: "canceled" },
        { to, outcome: first },
        { outcome: second }
      ]
      expect(CallLife.resolve(rules, to).outcome).toBe(first)
      expect(CallLife.resolve(rules, `${to}9`).outcome).toBe(second)
    })

    it("the default destinations script each ending; any other completes", () => {
      const outcomeOf = (to: string) => CallLife.resolve(CallLife.defaultOutcomeRules, to)
      expect(outcomeOf("+15005550001").outcome).toBe("failed")
      expect(outcomeOf("+15005550002").outcome).toBe("busy")
      expect(outcomeOf("+15005550003").outcome).toBe("no-answer")
      expect(outcomeOf("+15005550004").outcome).toBe("canceled")
      expect(outcomeOf("+15005550005")).toStrictEqual({ to: "+15005550005", outcome: "completed", answeredBy: "machine_end_beep" })
      expect(outcomeOf("+13105550100")).toStrictEqual({ outcome: "completed" })
    })
  })

  it("the default timings add up to a 6 second life", () => {
    const { initiated, inProgress, queued, ringing } = CallLife.defaultTimings
    const total = [queued, initiated, ringing, inProgress].map(Duration.decode).reduce(Duration.sum)
    expect(Duration.toMillis(total)).toBe(6000)
  })

  describe("OutcomeRule (plain data)", () => {
    it("accepts durations as strings or milliseconds", () => {
      const decoded = decodeRule({ to: "+13105550100", outcome: "completed", ring: "2 seconds", talk: 1500 })
      expect(decoded).toStrictEqual(Either.right({ to: "+13105550100", outcome: "completed", ring: "2 seconds", talk: 1500 }))
    })

    it("refuses an outcome it does not know, naming the field", () => {
      const decoded = decodeRule({ outcome: "voicemail" })
      expect(Either.isLeft(decoded) && decoded.left.message).toContain("[\"outcome\"]")
    })

    it("refuses a toPattern that is not a regular expression", () => {
      const decoded = decodeRule({ toPattern: "(", outcome: "busy" })
      expect(Either.isLeft(decoded) && decoded.left.message).toContain("must be a regular expression")
    })

    it("refuses a duration that is neither a duration string nor a non-negative number", () => {
      expect(Either.isLeft(decodeRule({ outcome: "completed", ring: "soon" }))).toBe(true)
      expect(Either.isLeft(decodeRule({ outcome: "completed", talk: -1 }))).toBe(true)
    })

    it("refuses an answeredBy that is not one of SignalWire's values", () => {
      expect(Either.isLeft(decodeRule({ outcome: "completed", answeredBy: "robot" }))).toBe(true)
    })

    it("a rule survives a JSON round trip (what the admin API receives)", () => {
      const rule: CallLife.OutcomeRule = { toPattern: "^\\+1310", outcome: "completed", answeredBy: "machine_start", ring: "1 second", talk: 250 }
      expect(decodeRule(JSON.parse(JSON.stringify(Schema.encodeSync(CallLife.OutcomeRule)(rule))))).toStrictEqual(Either.right(rule))
    })
  })
})
