/**
 * What the client does with the fields of an answer that did not decode: SignalWire's schemas
 * leave them out and keep them in `unreadable`; the client logs them at debug level, where an
 * Effect runs, so a provider-side change is visible without failing anything.
 *
 * @internal
 */
import * as UnreadableField from "@effect-signalwire/schema/UnreadableField"
import * as Effect from "effect/Effect"

/** @internal */
export const logUnreadable = (
  what: string,
  value: { readonly unreadable: ReadonlyArray<UnreadableField.UnreadableField> }
): Effect.Effect<void> =>
  value.unreadable.length === 0 ? Effect.void : Effect.logDebug(`SignalWire ${what}: fields that did not decode were left out`).pipe(
    Effect.annotateLogs({ fields: UnreadableField.describe(value.unreadable) })
  )

/**
 * The sid of a call from an answer that did not decode: the first `"sid": "..."` of the text,
 * whether the JSON parsed or was cut off midway.
 *
 * @internal
 */
export const findSid = (text: string): string | undefined => /"sid"\s*:\s*"([^"\\\s]+)"/.exec(text)?.[1]
