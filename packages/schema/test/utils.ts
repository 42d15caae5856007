/**
 * Test helpers: decode and list the issues the user would see, and read the golden files of
 * fixtures/reference (at the repository root; its README names each file's source).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"

/**
 * One issue as `ParseResult.ArrayFormatter` reports it: where (the path) and what rule (the message).
 */
export interface Issue {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

/**
 * Decodes `input` reporting every issue; `[]` when it decodes.
 */
export const issuesOf = <A, I>(schema: Schema.Schema<A, I>, input: unknown): ReadonlyArray<Issue> =>
  Either.match(Schema.decodeUnknownEither(schema, { errors: "all" })(input), {
    onLeft: (error) => ParseResult.ArrayFormatter.formatErrorSync(error).map(({ message, path }) => ({ message, path })),
    onRight: () => []
  })

/**
 * Reads a file of fixtures/reference as text.
 */
export const referenceText = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/reference/${name}`, import.meta.url), "utf8")

/**
 * Reads a file of fixtures/reference as JSON.
 */
export const reference = (name: string): any => JSON.parse(referenceText(name))

/**
 * The table of a primitive: what it accepts (decoding to itself) and what it rejects, with a
 * message stating `rule`.
 */
export const primitiveTable = <A, I>(
  name: string,
  schema: Schema.Schema<A, I>,
  table: { readonly rule: string; readonly valid: ReadonlyArray<unknown>; readonly invalid: ReadonlyArray<unknown> }
) =>
  describe(`${name} table`, () => {
    it.each(table.valid.map((input) => [input]))("accepts %j", (input) => {
      expect(Schema.decodeUnknownEither(schema)(input)).toStrictEqual(Either.right(input))
      expect(Schema.is(schema)(input)).toBe(true)
    })
    it.each(table.invalid.map((input) => [input]))("rejects %j, stating the rule", (input) => {
      expect(issuesOf(schema, input)).toStrictEqual([{ path: [], message: expect.stringContaining(table.rule) }])
      expect(Schema.is(schema)(input)).toBe(false)
    })
  })
