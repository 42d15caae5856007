/**
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as CallLife from "./CallLife.js"
/**
 * @since 0.1.0
 */
export * as Emulator from "./Emulator.js"
/**
 * @since 0.1.0
 */
export * as EmulatorApp from "./EmulatorApp.js"
/**
 * @since 0.1.0
 */
export * as EmulatorCli from "./EmulatorCli.js"
/**
 * @since 0.1.0
 */
export * as EmulatorClient from "./EmulatorClient.js"
/**
 * @since 0.1.0
 */
export * as EmulatorError from "./EmulatorError.js"
/**
 * @since 0.1.0
 */
export * as EmulatorServer from "./EmulatorServer.js"
/**
 * @since 0.1.0
 */
export * as Fault from "./Fault.js"
/**
 * @since 0.1.0
 */
export * as FaultMiddleware from "./FaultMiddleware.js"
/**
 * @since 0.1.0
 */
export * as FaultRules from "./FaultRules.js"
/**
 * @since 0.1.0
 */
export * as RequestLog from "./RequestLog.js"
/**
 * @since 0.1.0
 */
export * as WebhookClient from "./WebhookClient.js"
