import { describe, expect, it } from "@effect/vitest"
import { SendDigits } from "@effect-signalwire/schema"
import { primitiveTable } from "./utils.js"

describe("SendDigits", () => {
  primitiveTable("SendDigits", SendDigits.SendDigits, {
    rule: "must be 1-32 of the keys 0-9 # * w W",
    valid: ["1", "1234#w*W", "0123456789#*wW", "w", "W".repeat(32), "9".repeat(32)],
    invalid: ["", "9".repeat(33), "12a", "1 2", "1-2", "ww+", "１", 1234]
  })

  it.prop("accepts every generated sequence", [SendDigits.SendDigits], ([digits]) => {
    expect(digits).toMatch(/^[\d#*wW]{1,32}$/)
  })
})
