/**
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as CallbackSequence from "./CallbackSequence.js"
/**
 * @since 0.1.0
 */
export * as CallControlError from "./CallControlError.js"
/**
 * @since 0.1.0
 */
export * from "./CreateCall.js"
/**
 * @since 0.1.0
 */
export * as CreateCallError from "./CreateCallError.js"
/**
 * @since 0.1.0
 */
export * from "./DeleteCall.js"
/**
 * @since 0.1.0
 */
export * as FakeHttpClient from "./FakeHttpClient.js"
/**
 * @since 0.1.0
 */
export * from "./FetchCall.js"
/**
 * @since 0.1.0
 */
export * from "./ListCalls.js"
/**
 * @since 0.1.0
 */
export * from "./Reconcile.js"
/**
 * @since 0.1.0
 */
export * as RetryPolicy from "./RetryPolicy.js"
/**
 * @since 0.1.0
 */
export * as SignalWireClient from "./SignalWireClient.js"
/**
 * @since 0.1.0
 */
export * as SignalWireConfig from "./SignalWireConfig.js"
/**
 * @since 0.1.0
 */
export * from "./UpdateCall.js"
/**
 * @since 0.1.0
 */
export * as Webhook from "./Webhook.js"
/**
 * @since 0.1.0
 */
export * as WebhookConfig from "./WebhookConfig.js"
/**
 * @since 0.1.0
 */
export * as WebhookSignature from "./WebhookSignature.js"
