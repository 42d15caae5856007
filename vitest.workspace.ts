export default ["packages/*/vitest.config.ts", "scripts/vitest.config.ts", "test/vitest.config.ts"]
