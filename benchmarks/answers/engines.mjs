// The page bench_answers_engines.py drives: one engine, one site, questions asked
// from Python through window.ask. Each engine loads its code and index on the first
// question, as the Ask box would, and returns the first three sources. A question
// typed before it is sent (window.type) goes to the engine a character at a time,
// as the Ask box's input events would: ours answers ahead (panel.js `answering`),
// Pagefind preloads its words (`pagefind.preload`, made for search as you type),
// MiniSearch has its whole index already.
const params = new URLSearchParams(location.search);
const engine = params.get('engine');
const site = params.get('site');

const loaders = {
  async ours() {
    const { openAnswers } = await import('/src/answers/panel.js');
    // As the widget loads it (panel.js start): the index's scripts, fetched (the page is
    // served over http), paced.
    const { early } = openAnswers(`/sites/${site}/ours/en/`, 'bench', 3, window);
    return {
      typed: (text) => early.typed(text),
      ask: async (q) => (await early.answer(q)).sources.map((s) => s.href),
    };
  },
  async minisearch() {
    const { default: MiniSearch } = await import('/node_modules/minisearch/dist/es/index.js');
    const { OPTIONS, SEARCH } = await import('/answers/minisearch_options.mjs');
    const text = await (await fetch(`/sites/${site}/minisearch/index.json`)).text();
    const index = MiniSearch.loadJSON(text, OPTIONS);
    return {
      typed: () => undefined,
      ask: async (q) =>
        index.search(q, SEARCH).slice(0, 3).map((r) => (r.anchor ? `${r.url}#${r.anchor}` : r.url)),
    };
  },
  async pagefind() {
    const pagefind = await import(`/sites/${site}/pagefind/pagefind.js`);
    await pagefind.options({ excerptLength: 30 });
    await pagefind.init();
    return {
      typed: (text) => pagefind.preload(text),
      ask: async (q) => {
        const search = await pagefind.search(q);
        const top = await Promise.all(search.results.slice(0, 3).map((r) => r.data()));
        // Pagefind takes the folder above its own as the site's root: /sites/<n>/.
        return top.map((d) => d.url.replace(`/sites/${site}/`, ''));
      },
    };
  },
};

let ready = null;
window.longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: true });

/** Types a question a character every `ms` milliseconds; resolves `ms` after the last. */
window.type = async (question, ms) => {
  const run = await (ready ??= loaders[engine]());
  for (let i = 1; i <= question.length; i++) {
    run.typed(question.slice(0, i));
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
};

window.ask = async (question) => {
  const start = performance.now();
  ready ??= loaders[engine]();
  const run = await ready;
  const sources = await run.ask(question);
  return { ms: performance.now() - start, sources };
};
window.engineReady = true;
