import { describe, expect, it } from "@effect/vitest"
import { PhoneNumber } from "@effect-signalwire/schema"
import * as Schema from "effect/Schema"
import { issuesOf, primitiveTable } from "./utils.js"

describe("PhoneNumber", () => {
  primitiveTable("PhoneNumber", PhoneNumber.PhoneNumber, {
    rule: "must be an E.164 phone number: + then 2-15 digits, no leading 0",
    valid: ["+13105678901", "+447911123456", "+12", "+123456789012345"],
    invalid: [
      "13105678901", // no +
      "+013105678901", // leading 0
      "+1", // 1 digit
      "+1234567890123456", // 16 digits
      "+1 310 567 8901",
      "+1-310-567-8901",
      "+1310567890a",
      "+",
      "",
      " +13105678901",
      13105678901,
      null
    ]
  })

  it("echoes the rejected input in the message", () => {
    expect(() => Schema.decodeUnknownSync(PhoneNumber.PhoneNumber)("+0")).toThrow(/\(got "\+0"\)/)
  })

  it("echoes at most 60 characters of the input: a pasted document does not flood the message", () => {
    const issue = (input: unknown) => issuesOf(PhoneNumber.PhoneNumber, input)[0]!.message
    // 58 characters once quoted: echoed whole.
    expect(issue("x".repeat(56))).toBe(`must be an E.164 phone number: + then 2-15 digits, no leading 0 (got "${"x".repeat(56)}")`)
    // 60 characters once quoted: still whole; 61: the first 57 and an ellipsis.
    expect(issue("y".repeat(58))).toContain(`(got "${"y".repeat(58)}")`)
    expect(issue("z".repeat(59))).toContain(`(got "${"z".repeat(56)}...)`)
    expect(issue(12345)).toContain("(got 12345)")
  })

  it.prop("accepts every generated number", [PhoneNumber.PhoneNumber], ([n]) => {
    expect(PhoneNumber.isPhoneNumber(n)).toBe(true)
    expect(n).toMatch(/^\+[1-9]\d{1,14}$/)
  })
})
