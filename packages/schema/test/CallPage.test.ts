import { describe, expect, it } from "@effect/vitest"
import { Call, CallPage } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
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

  it("names what is missing or wrong in an essential field: the calls, the next page's link", () => {
    const { calls: _, ...withoutCalls } = listFixture.body
    const issues = issuesOf(CallPage.CallPage, { ...withoutCalls, next_page_uri: 3 })
    expect(issues.map((issue) => issue.path)).toStrictEqual([["next_page_uri"], ["next_page_uri"], ["next_page_uri"], ["calls"]])
    expect(issues[0]).toStrictEqual({ path: ["next_page_uri"], message: "Expected string, actual 3" })
    const { sid: __, ...callWithoutSid } = listFixture.body.calls[0]
    expect(issuesOf(CallPage.CallPage, { ...listFixture.body, calls: [callWithoutSid] })).toStrictEqual([
      { path: ["calls", 0, "sid"], message: "is missing" }
    ])
    expect(Either.isLeft(Schema.decodeUnknownEither(CallPage.CallPage)("<html>"))).toBe(true)
  })

  it("an odd envelope field, or an odd field of one call, does not fail the page", () => {
    const [call] = listFixture.body.calls
    const page = decode({ ...listFixture.body, page: -1, page_size: "50", uri: 7, calls: [{ ...call, caller_name: 42 }] })
    expect(page).toMatchObject({ page: null, pageSize: null, uri: null })
    expect(page.unreadable.map(({ field, value }) => [field, value])).toStrictEqual([["uri", 7], ["page", -1], ["page_size", "50"]])
    expect(page.calls[0]!.callerName).toBeNull()
    expect(page.calls[0]!.unreadable.map(({ field, value }) => [field, value])).toStrictEqual([["caller_name", 42]])
  })

  it.prop(
    "decodeEither gives the schema's result: a page, its fields and its calls' fields replaced or removed",
    [
      CallPage.CallPage,
      FastCheck.array(
        FastCheck.tuple(
          FastCheck.constantFrom("uri", "first_page_uri", "next_page_uri", "previous_page_uri", "page", "page_size", "calls", "sid", "price", "to"),
          FastCheck.option(FastCheck.jsonValue(), { nil: undefined })
        ),
        { maxLength: 3 }
      )
    ],
    ([page, changes]) => {
      const body: Record<string, any> = { ...encode(page), calls: encode(page).calls.map((call) => ({ ...call })) }
      for (const [field, value] of changes) {
        // Page fields change the envelope; call fields the first call, when there is one.
        const target = ["sid", "price", "to"].includes(field) ? (Array.isArray(body.calls) ? body.calls[0] : undefined) : body
        if (typeof target !== "object" || target === null) continue
        if (value === undefined) delete target[field]
        else target[field] = value
      }
      const fast = CallPage.decodeEither(body)
      const slow = Schema.decodeUnknownEither(CallPage.CallPage, { errors: "all" })(body)
      expect(fast._tag).toBe(slow._tag)
      if (Either.isRight(fast) && Either.isRight(slow)) {
        expect(fast.right).toStrictEqual(slow.right)
        expect(fast.right.calls.every((call) => call instanceof Call.Call)).toBe(true)
      }
      if (Either.isLeft(fast) && Either.isLeft(slow)) expect(fast.left.message).toBe(slow.left.message)
    }
  )

  it.prop("decode(encode(x)) = x", [CallPage.CallPage], ([page]) => {
    expect(decode(encode(page))).toStrictEqual(page)
  })
})
