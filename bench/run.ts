/** `npm run bench`: every benchmark, each printing ratios against a baseline from the same run. */
import { benchDrafts } from './drafts.ts';
import { benchFidelity } from './fidelity.ts';
import { benchHostile } from './hostile.ts';
import { benchHttp } from './http.ts';
import { benchLargeTranslation } from './large-translation.ts';
import { benchMarkdownCore } from './markdown-core.ts';
import { benchQuality } from './quality.ts';
import { benchStore } from './store.ts';

const only = process.argv[2];
const benches: Record<string, () => void | Promise<void>> = {
  'markdown-core': () => benchMarkdownCore(),
  fidelity: () => benchFidelity(),
  store: () => benchStore(),
  drafts: () => benchDrafts(),
  quality: () => benchQuality(),
  http: () => benchHttp(),
  hostile: () => benchHostile(),
  'large-translation': () => benchLargeTranslation(),
};
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  await run();
}
