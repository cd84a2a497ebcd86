// Every test file runs on the backend a user gets by default (auto: wasm here, with our kernel
// fixes and the gradient registrations), unless MINE_BACKEND says otherwise. Test files run in
// parallel, one per core, so each wasm backend keeps to one thread unless MINE_WASM_THREADS asks.
import { selectBackend } from '@mine/core/backend';

await selectBackend(process.env.MINE_BACKEND ?? 'auto', {
  quiet: true,
  threads: process.env.MINE_WASM_THREADS ? undefined : 1,
});
