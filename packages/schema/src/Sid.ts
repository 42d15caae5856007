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
 */
export const issuedBy = <const B extends string>(brand: B) =>
  Schema.String.pipe(
    Schema.pattern(/^\S+$/, { message: violates("a non-empty identifier without white space") }),
    Schema.brand(brand)
  )
