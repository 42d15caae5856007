import { describe, expect, it } from "@effect/vitest"
import { ApiErrorBody } from "@effect-signalwire/schema"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { reference } from "./utils.js"

const examples = reference("examples.json")
const errorBodies = reference("sw-error-bodies.example.json")
const decode = (body: unknown) => Option.getOrThrow(ApiErrorBody.decodeOption(body))

describe("ApiErrorBody", () => {
  it.each([["examples.json error_code_message", examples.error_code_message], ["examples.json error_auth", examples.error_auth]])(
    "shape 1 (%s): message, numeric code, more_info, status",
    (_, body) => {
      expect(decode(body)).toMatchObject({ message: body.message, code: body.code, moreInfo: body.more_info, status: body.status })
    }
  )

  it("shape 1 (sw-error-bodies single_object_shape)", () => {
    const error = decode(errorBodies.single_object_shape.body)
    expect(error).toMatchObject({ message: "Authentication failed", code: 20003, status: 401 })
    expect(error.errors).toHaveLength(1)
  })

  it.each([["examples.json", examples.error_errors_array], ["sw-error-bodies", errorBodies.errors_array_shape.body]])(
    "shape 2 (%s): the code sent as a string is read as a number",
    (_, body) => {
      const error = decode(body)
      expect(error.message).toBe("Maxpriceperminute was exceeded. This call's cost is 0.008 per minute.")
      expect(error.code).toBe(30010)
      expect(error.moreInfo).toBe(body.errors[0].more_info)
      expect(error.status).toBeUndefined()
    }
  )

  it.each([["examples.json", examples.error_string_array], ["sw-error-bodies", errorBodies.errors_string_array_shape.body]])(
    "shape 3 (%s): a message, no code",
    (_, body) => {
      const error = decode(body)
      expect(error.message).toBe("Validation error message")
      expect(error.code).toBeUndefined()
      expect(error.errors.map((e) => e.message)).toStrictEqual(["Validation error message"])
    }
  )

  it("keeps every error; the first one speaks for the body", () => {
    const error = decode({ errors: [{ code: 21205, message: "first" }, { message: "second", more_info: "https://x" }] })
    expect(error.message).toBe("first")
    expect(error.code).toBe(21205)
    expect(error.errors.map((e) => [e.message, e.code, e.moreInfo])).toStrictEqual([
      ["first", 21205, undefined],
      ["second", undefined, "https://x"]
    ])
  })

  it.each([
    [null],
    [undefined],
    ["Internal Server Error"],
    ["<html><body>502 Bad Gateway</body></html>"],
    [42],
    [[]],
    [{}],
    [{ errors: [] }],
    [{ errors: [42] }],
    [{ errors: "oops" }],
    [{ message: 5 }],
    [{ code: 21205 }]
  ])("garbage %j decodes to None", (body) => {
    expect(Option.isNone(ApiErrorBody.decodeOption(body))).toBe(true)
  })

  it.each([
    [{ code: "not a number", message: "m", status: 400 }, [["code", "not a number"]]],
    [{ code: 1.5, message: "m", more_info: 7, status: 400 }, [["code", 1.5], ["more_info", 7]]],
    [{ code: 21205, message: "m", status: "bad" }, [["status", "bad"]]]
  ])("an odd code, more_info or status in %j is left out and reported; the message is kept", (body, dropped) => {
    const error = Option.getOrThrow(ApiErrorBody.decodeOption(body))
    expect(error.message).toBe("m")
    expect(error.unreadable.map(({ field, value }) => [field, value])).toStrictEqual(dropped)
    for (const [field] of dropped) {
      expect(error).not.toHaveProperty(field === "more_info" ? "moreInfo" : field as string)
    }
  })

  it("reports an odd field of a listed error with its index", () => {
    const error = Option.getOrThrow(ApiErrorBody.decodeOption({ errors: [{ message: "a" }, { code: [], message: "b" }] }))
    expect(error.errors.map((e) => e.message)).toStrictEqual(["a", "b"])
    expect(error.unreadable.map(({ field, value }) => [field, value])).toStrictEqual([["errors[1].code", []]])
  })

  it("encodes one error as shape 1 and several as shape 2, and reads them back", () => {
    const encode = Schema.encodeSync(ApiErrorBody.ApiErrorBody)
    const one = decode(examples.error_code_message)
    expect(encode(one)).toStrictEqual(examples.error_code_message)
    const several = decode({ errors: [{ code: "30010", message: "a" }, { message: "b" }] })
    expect(encode(several)).toStrictEqual({ errors: [{ code: 30010, message: "a" }, { message: "b" }] })
    expect(decode(encode(several))).toStrictEqual(several)
  })
})
