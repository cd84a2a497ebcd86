// `repro <experiment>`: one command per figure of the MINE paper; results go to --out.
import { defineCommand, runMain } from 'citty';

export const main = defineCommand({
  meta: {
    name: 'repro',
    description: 'Reproduce the figures of "Mutual Information Neural Estimation" (ICML 2018)',
  },
  subCommands: {
    fig1: () => import('./experiments/fig1.js').then((m) => m.command),
    fig2: () => import('./experiments/fig2.js').then((m) => m.command),
    fig3: () => import('./experiments/fig3.js').then((m) => m.command),
    fig4: () => import('./experiments/fig4.js').then((m) => m.command),
    tab1: () => import('./experiments/tab1.js').then((m) => m.command),
    tab2: () => import('./experiments/tab2.js').then((m) => m.command),
    tab3: () => import('./experiments/tab3.js').then((m) => m.command),
    classifier: () => import('./experiments/classifier.js').then((m) => m.command),
  },
});

await runMain(main);
