/**
 * The Create Call parameters, in the order of SignalWire's reference page: the camelCase name,
 * the form field name, and how its value is written in a form. The one table both directions of
 * the form codec read.
 *
 * @internal
 */

/**
 * How a value is written: `list` as one repeated field per item (what SignalWire documents for
 * `StatusCallbackEvent`), `spaced` as one field with the items separated by spaces (what it
 * documents for `RecordingStatusCallbackEvent`: a server keeping the last of repeated fields would
 * read one event only).
 *
 * @internal
 */
export type FormKind = "text" | "integer" | "boolean" | "list" | "spaced" | "redacted" | "price"

/** @internal */
export const createCallFields = [
  ["to", "To", "text"],
  ["from", "From", "text"],
  ["url", "Url", "text"],
  ["applicationSid", "ApplicationSid", "text"],
  ["twiml", "Twiml", "text"],
  ["method", "Method", "text"],
  ["fallbackUrl", "FallbackUrl", "text"],
  ["fallbackMethod", "FallbackMethod", "text"],
  ["statusCallback", "StatusCallback", "text"],
  ["statusCallbackMethod", "StatusCallbackMethod", "text"],
  ["statusCallbackEvent", "StatusCallbackEvent", "list"],
  ["callerId", "CallerId", "text"],
  ["sendDigits", "SendDigits", "text"],
  ["timeout", "Timeout", "integer"],
  ["machineDetection", "MachineDetection", "text"],
  ["machineDetectionTimeout", "MachineDetectionTimeout", "integer"],
  ["machineDetectionSpeechThreshold", "MachineDetectionSpeechThreshold", "integer"],
  ["machineDetectionSpeechEndThreshold", "MachineDetectionSpeechEndThreshold", "integer"],
  ["machineDetectionSilenceTimeout", "MachineDetectionSilenceTimeout", "integer"],
  ["machineWordsThreshold", "MachineWordsThreshold", "integer"],
  ["asyncAmd", "AsyncAmd", "boolean"],
  ["asyncAmdStatusCallbackMethod", "AsyncAmdStatusCallbackMethod", "text"],
  ["asyncAmdStatusCallback", "AsyncAmdStatusCallback", "text"],
  ["asyncAmdPartialResults", "AsyncAmdPartialResults", "boolean"],
  ["record", "Record", "boolean"],
  ["recordingChannels", "RecordingChannels", "text"],
  ["recordingTrack", "RecordingTrack", "text"],
  ["recordingStatusCallback", "RecordingStatusCallback", "text"],
  ["recordingStatusCallbackMethod", "RecordingStatusCallbackMethod", "text"],
  ["recordingStatusCallbackEvent", "RecordingStatusCallbackEvent", "spaced"],
  ["trim", "Trim", "text"],
  ["sipAuthUsername", "SipAuthUsername", "text"],
  ["sipAuthPassword", "SipAuthPassword", "redacted"],
  ["maxPricePerMinute", "MaxPricePerMinute", "price"]
] as const satisfies ReadonlyArray<readonly [string, string, FormKind]>

/** @internal */
export type CreateCallFieldName = (typeof createCallFields)[number][0]

/** @internal */
export const targetFields = ["url", "applicationSid", "twiml"] as const
