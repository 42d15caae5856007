import { describe, expect, it } from "@effect/vitest"
import { Rfc2822Date } from "@effect-signalwire/schema"
import * as Schema from "effect/Schema"
import { issuesOf } from "./utils.js"

const decode = Schema.decodeUnknownSync(Rfc2822Date.Rfc2822Date)
const encode = Schema.encodeSync(Rfc2822Date.Rfc2822Date)

describe("Rfc2822Date", () => {
  it.each([
    ["Wed, 19 Sep 2018 20:00:00 +0000", "2018-09-19T20:00:00.000Z"],
    ["Wed, 19 Sept 2018 20:00:00 +0000", "2018-09-19T20:00:00.000Z"], // as the docs' own examples write it
    ["Wed, 19 Sep 2018 22:00:00 +0200", "2018-09-19T20:00:00.000Z"],
    ["Wed, 19 Sep 2018 20:00:00 GMT", "2018-09-19T20:00:00.000Z"],
    ["19 Sep 2018 20:00:00 +0000", "2018-09-19T20:00:00.000Z"],
    ["Tue, 31 Aug 2010 20:36:28 +0000", "2010-08-31T20:36:28.000Z"]
  ])("reads %j", (text, iso) => {
    expect(decode(text).toISOString()).toBe(iso)
  })

  it.each([["yesterday"], [""], ["Wed, 19 Sep 2018"], ["20:00:00"], ["Wed, 45 Sep 2018 20:00:00 +0000"]])(
    "rejects %j, stating the rule",
    (text) => {
      expect(issuesOf(Rfc2822Date.Rfc2822Date, text)).toStrictEqual([
        { path: [], message: `must be an RFC 2822 date, e.g. Wed, 19 Sep 2018 20:00:00 +0000 (got ${JSON.stringify(text)})` }
      ])
    }
  )

  it("writes the canonical GMT form", () => {
    expect(Rfc2822Date.format(new Date("2018-09-19T20:00:00Z"))).toBe("Wed, 19 Sep 2018 20:00:00 +0000")
    expect(encode(decode("Wed, 19 Sep 2018 22:00:00 +0200"))).toBe("Wed, 19 Sep 2018 20:00:00 +0000")
  })

  it.prop("decode(encode(d)) = d", [Schema.typeSchema(Rfc2822Date.Rfc2822Date)], ([date]) => {
    expect(decode(encode(date))).toStrictEqual(date)
    expect(encode(date)).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/)
  })
})
