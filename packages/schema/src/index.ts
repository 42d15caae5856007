/**
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as AnsweredBy from "./AnsweredBy.js"
/**
 * @since 0.1.0
 */
export * as ApiPath from "./ApiPath.js"
/**
 * @since 0.1.0
 */
export * as ApiErrorBody from "./ApiErrorBody.js"
/**
 * @since 0.1.0
 */
export * as AsyncAmdStatusCallback from "./AsyncAmdStatusCallback.js"
/**
 * @since 0.1.0
 */
export * as Call from "./Call.js"
/**
 * @since 0.1.0
 */
export * as CallAddress from "./CallAddress.js"
/**
 * @since 0.1.0
 */
export * as CallDirection from "./CallDirection.js"
/**
 * @since 0.1.0
 */
export * as CallPage from "./CallPage.js"
/**
 * @since 0.1.0
 */
export * as CallStatus from "./CallStatus.js"
/**
 * @since 0.1.0
 */
export * as ClientIdentifier from "./ClientIdentifier.js"
/**
 * @since 0.1.0
 */
export * as CreateCallForm from "./CreateCallForm.js"
/**
 * @since 0.1.0
 */
export * as CreateCallRequest from "./CreateCallRequest.js"
/**
 * @since 0.1.0
 */
export * as HttpMethod from "./HttpMethod.js"
/**
 * @since 0.1.0
 */
export * as Laml from "./Laml.js"
/**
 * @since 0.1.0
 */
export * as ListCallsFilter from "./ListCallsFilter.js"
/**
 * @since 0.1.0
 */
export * as MachineDetection from "./MachineDetection.js"
/**
 * @since 0.1.0
 */
export * as MaxPrice from "./MaxPrice.js"
/**
 * @since 0.1.0
 */
export * as PhoneNumber from "./PhoneNumber.js"
/**
 * @since 0.1.0
 */
export * as Recording from "./Recording.js"
/**
 * @since 0.1.0
 */
export * as RecordingStatusCallback from "./RecordingStatusCallback.js"
/**
 * @since 0.1.0
 */
export * as Rfc2822Date from "./Rfc2822Date.js"
/**
 * @since 0.1.0
 */
export * as SendDigits from "./SendDigits.js"
/**
 * @since 0.1.0
 */
export * as Sid from "./Sid.js"
/**
 * @since 0.1.0
 */
export * as SipUri from "./SipUri.js"
/**
 * @since 0.1.0
 */
export * as StatusCallback from "./StatusCallback.js"
/**
 * @since 0.1.0
 */
export * as StatusCallbackEvent from "./StatusCallbackEvent.js"
/**
 * @since 0.1.0
 */
export * as UnreadableField from "./UnreadableField.js"
/**
 * @since 0.1.0
 */
export * as UpdateCallRequest from "./UpdateCallRequest.js"
/**
 * @since 0.1.0
 */
export * as WebhookUrl from "./WebhookUrl.js"
