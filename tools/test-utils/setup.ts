// Every test file runs on the backend a user gets by default (auto: wasm here, with our kernel
// fixes and the gradient registrations), unless MINE_BACKEND says otherwise.
import { selectBackend } from '@mine/core/backend';

await selectBackend(process.env.MINE_BACKEND ?? 'auto', { quiet: true });
