// Every test file runs on the backend a user gets by default (auto: wasm here, with our kernel
// fixes and the gradient registrations), unless MINE_BACKEND says otherwise; MINE_WASM_THREADS
// is 1 here (vitest.config.ts), since test files already run in parallel.
import { selectBackend } from '@mine/core/backend';

await selectBackend(process.env.MINE_BACKEND ?? 'auto', { quiet: true });
