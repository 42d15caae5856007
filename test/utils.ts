/**
 * Helpers of the tests that span packages: the projects they use, a recording `HttpClient` for
 * status callbacks, a real callback listener on 127.0.0.1, and the emulator served over HTTP.
 * They are the emulator tests' own helpers (one copy: packages/emulator/test/utils.ts).
 */
export {
  authToken,
  callbackListener,
  paramsOf,
  projectId,
  projects,
  type Received,
  recordingClient,
  serveEmulator,
  signingKey
} from "../packages/emulator/test/utils.js"
