export default ["packages/*/vitest.config.ts", "scripts/vitest.config.ts"]
