import { describe, expect, it } from "@effect/vitest"
import { Sid } from "@effect-signalwire/schema"
import * as Schema from "effect/Schema"
import { issuesOf, primitiveTable } from "./utils.js"

const uuidTable = {
  rule: "must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
  valid: ["b3877c40-da60-4998-90ad-b792e98472af", "B3877C40-DA60-4998-90AD-B792E98472AF", "00000000-0000-0000-0000-000000000000"],
  invalid: [
    "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX", // the sanitised ids of SignalWire's fixtures
    "b3877c40-da60-4998-90ad-b792e98472pa", // not hex (the status callback example)
    "b3877c40da60499890adb792e98472af", // no dashes
    "b3877c40-da60-4998-90ad-b792e98472af0",
    "{b3877c40-da60-4998-90ad-b792e98472af}",
    " b3877c40-da60-4998-90ad-b792e98472af",
    "AC0123456789abcdef0123456789abcdef", // a Twilio sid
    "",
    1
  ]
}

describe("Sid", () => {
  primitiveTable("ProjectId", Sid.ProjectId, uuidTable)
  primitiveTable("CallSid", Sid.CallSid, uuidTable)
  primitiveTable("ApplicationSid", Sid.ApplicationSid, uuidTable)
  primitiveTable("PhoneNumberSid", Sid.PhoneNumberSid, uuidTable)

  it("AccountSid is the Project ID", () => {
    expect(Sid.AccountSid).toBe(Sid.ProjectId)
  })

  it.prop("generates UUIDs", [Sid.ProjectId, Sid.CallSid, Sid.ApplicationSid, Sid.PhoneNumberSid], (sids) => {
    for (const sid of sids) expect(sid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  })

  describe("issuedBy (identifiers read from responses)", () => {
    const IssuedCallSid = Sid.issuedBy("CallSid")
    it.each([["XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX"], ["b3877c40-da60-4998-90ad-b792e98472pa"], ["CA0123456789abcdef"]])(
      "accepts %j",
      (sid) => {
        expect(Schema.decodeUnknownSync(IssuedCallSid)(sid)).toBe(sid)
      }
    )
    it.each([[""], ["a b"], [null]])("rejects %j", (sid) => {
      expect(issuesOf(IssuedCallSid, sid)).toHaveLength(1)
    })
    it("rejects white space naming the rule", () => {
      expect(issuesOf(IssuedCallSid, "a b")).toStrictEqual([
        { path: [], message: "must be a non-empty identifier without white space (got \"a b\")" }
      ])
    })
  })
})
