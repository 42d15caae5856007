import { describe, expect, it } from "@effect/vitest"
import { Call, CallPage } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { issuesOf, reference } from "./utils.js"

const decode = Schema.decodeUnknownSync(CallPage.CallPage)
const encode = Schema.encodeSync(CallPage.CallPage)
const listFixture = reference("sw-call-list-response.fixture.json")
const examples = reference("examples.json")

describe("CallPage", () => {
  it("decodes sw-call-list-response.fixture.json: links, page, size and the calls", () => {
    const page = decode(listFixture.body)
    expect(page).toMatchObject({
      uri: "/api/laml/2010-04-01/Accounts/XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX/Calls?Page=0&PageSize=50",
      firstPageUri: "/api/laml/2010-04-01/Accounts/XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX/Calls?Page=0&PageSize=50",
      nextPageUri: null,
      previousPageUri: null,
      page: 0,
      pageSize: 50
    })
    expect(page.calls).toHaveLength(1)
    expect(page.calls[0]).toBeInstanceOf(Call.Call)
    expect(page.calls[0]).toMatchObject({ status: "completed", price: 0.0065 })
  })

  it("encodes back to SignalWire's envelope", () =>
    Effect.gen(function*() {
      const json = { ...listFixture.body, calls: [examples.call_signalwire], next_page_uri: "/next", page: 2 }
      const page = yield* CallPage.decode(json)
      expect(yield* CallPage.encode(page)).toStrictEqual(json)
    }).pipe(Effect.runSync))

  it("reads absent links as null and ignores Twilio's extra envelope fields", () => {
    const { next_page_uri: _, previous_page_uri: __, ...rest } = listFixture.body
    const page = decode({ ...rest, start: 0, end: 0 })
    expect(page).toMatchObject({ nextPageUri: null, previousPageUri: null })
    expect(page).not.toHaveProperty("start")
  })

  it("names what is missing or wrong", () => {
    const { calls: _, ...withoutCalls } = listFixture.body
    expect(issuesOf(CallPage.CallPage, { ...withoutCalls, page: -1, page_size: 0 })).toStrictEqual([
      { path: ["page"], message: "Expected a non-negative number, actual -1" },
      { path: ["page_size"], message: "Expected a positive number, actual 0" },
      { path: ["calls"], message: "is missing" }
    ])
    expect(Either.isLeft(Schema.decodeUnknownEither(CallPage.CallPage)("<html>"))).toBe(true)
  })

  it.prop("decode(encode(x)) = x", [CallPage.CallPage], ([page]) => {
    expect(decode(encode(page))).toStrictEqual(page)
  })
})
