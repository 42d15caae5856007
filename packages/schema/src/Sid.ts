/**
 * Identifiers. SignalWire's project ids and sids are UUIDs: what you send (the project id in
 * the URL and credentials, an application sid) is checked as a UUID before it leaves.
 *
 * Identifiers that SignalWire issues and returns are read more liberally (see
 * {@link issuedBy}): the API's own examples contain sanitised or non-UUID sids, and a response
 * must never fail to decode over the shape of an id we only hand back.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { matching, violates } from "./internal/rules.js"

const uuid = () =>
  matching(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    "a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"
  ).annotations({ arbitrary: () => (fc) => fc.uuid() })

/**
 * The Project ID: a UUID, the user name of Basic auth and the `AccountSid` of every URL.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Sid } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(Sid.ProjectId)("b3877c40-da60-4998-90ad-b792e98472af"), true)
 * ```
 */
export const ProjectId = uuid().pipe(Schema.brand("ProjectId"), Schema.annotations({ identifier: "ProjectId" }))

/**
 * @since 0.1.0
 * @category models
 */
export type ProjectId = typeof ProjectId.Type

/**
 * The `AccountSid` of the LaML API is the Project ID.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Sid } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(Sid.AccountSid)("b3877c40-da60-4998-90ad-b792e98472af"), true)
 * ```
 */
export const AccountSid = ProjectId

/**
 * @since 0.1.0
 * @category models
 */
export type AccountSid = ProjectId

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Sid } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(Sid.CallSid)("b3877c40-da60-4998-90ad-b792e98472af"), true)
 * ```
 */
export const CallSid = uuid().pipe(Schema.brand("CallSid"), Schema.annotations({ identifier: "CallSid" }))

/**
 * @since 0.1.0
 * @category models
 */
export type CallSid = typeof CallSid.Type

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Sid } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(Sid.ApplicationSid)("b3877c40-da60-4998-90ad-b792e98472af"), true)
 * ```
 */
export const ApplicationSid = uuid().pipe(Schema.brand("ApplicationSid"), Schema.annotations({ identifier: "ApplicationSid" }))

/**
 * @since 0.1.0
 * @category models
 */
export type ApplicationSid = typeof ApplicationSid.Type

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { Sid } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.is(Sid.PhoneNumberSid)("b3877c40-da60-4998-90ad-b792e98472af"), true)
 * ```
 */
export const PhoneNumberSid = uuid().pipe(Schema.brand("PhoneNumberSid"), Schema.annotations({ identifier: "PhoneNumberSid" }))

/**
 * @since 0.1.0
 * @category models
 */
export type PhoneNumberSid = typeof PhoneNumberSid.Type

/**
 * The same brand as `B`, for an identifier read from a SignalWire response: any non-empty
 * string without white space is accepted.
 *
 * @since 0.1.0
 * @category combinators
 * @example
 * ```ts
 * import { Sid } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * // A CallSid as a response carries it, whatever its format.
 * const CallSidFromResponse = Sid.issuedBy("CallSid")
 * assert.strictEqual(Schema.decodeUnknownSync(CallSidFromResponse)("CA1234"), "CA1234")
 * ```
 */
export const issuedBy = <const B extends string>(brand: B) =>
  Schema.String.pipe(
    Schema.pattern(/^\S+$/, { message: violates("a non-empty identifier without white space") }),
    Schema.brand(brand)
  )
