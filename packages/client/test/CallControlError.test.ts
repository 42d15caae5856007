/**
 * The call-control errors' identity: the pattern of CreateCallError (namespaced schema
 * identifier, the module's TypeId, a guard), and their short tags unchanged.
 */
import { CallControlError, CreateCallError } from "@effect-signalwire/client"
import { describe, expect, it } from "@effect/vitest"
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"

const sentAt = new Date("2024-05-01T12:00:00.000Z")
const sid = "b3877c40-da60-4998-90ad-b792e98472ca"

const own = [
  new CallControlError.CallNotFound({ sid, status: 404, detail: "not found", errors: [] }),
  new CallControlError.ServerFailure({ status: 503, detail: "unavailable", errors: [], operation: "Fetch Call", sid, attempts: 2 }),
  new CallControlError.NoResponse({ reason: "Timeout", detail: "no answer", operation: "Fetch Call", sid, sentAt, attempts: 1 })
]

describe("CallControlError identity", () => {
  it.each(own)("$_tag: a namespaced schema identifier, the module's TypeId, its short _tag", (error) => {
    const ast = (error.constructor as unknown as Schema.Schema.Any).ast
    expect(SchemaAST.getIdentifierAnnotation(SchemaAST.isTransformation(ast) ? ast.to : ast)).toStrictEqual(
      Option.some(`@effect-signalwire/client/CallControlError/${error._tag}`)
    )
    expect(error[CallControlError.TypeId]).toBe(Symbol.for("@effect-signalwire/client/CallControlError"))
    expect(CallControlError.isCallControlError(error)).toBe(true)
    expect(CreateCallError.isCreateCallError(error)).toBe(false)
  })

  it("the guard refuses the shared classes (isCreateCallError's) and lookalikes", () => {
    const shared = new CreateCallError.NotFound({ status: 404, detail: "no such project", errors: [] })
    expect(CallControlError.isCallControlError(shared)).toBe(false)
    expect(CreateCallError.isCreateCallError(shared)).toBe(true)
    for (const other of [{ _tag: "CallNotFound", sid }, new Error("NoResponse"), null]) {
      expect(CallControlError.isCallControlError(other)).toBe(false)
    }
  })
})
