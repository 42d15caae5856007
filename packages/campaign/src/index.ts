/**
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 */
export * as Campaign from "./Campaign.js"
/**
 * @since 0.1.0
 */
export * as CallLookup from "./CallLookup.js"
/**
 * @since 0.1.0
 */
export * as CampaignItem from "./CampaignItem.js"
/**
 * @since 0.1.0
 */
export * as CampaignOptions from "./CampaignOptions.js"
/**
 * @since 0.1.0
 */
export * as CampaignPacer from "./CampaignPacer.js"
/**
 * @since 0.1.0
 */
export * as CampaignStore from "./CampaignStore.js"
/**
 * @since 0.1.0
 */
export * as CampaignWorkflow from "./CampaignWorkflow.js"
/**
 * @since 0.1.0
 */
export * as CampaignRunner from "./CampaignRunner.js"
