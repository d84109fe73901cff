// The page bench_answers_engines.py drives: one engine, one site, questions asked
// from Python through window.ask. Each engine loads its code and index on the first
// question, as the Ask box would, and returns the first three sources.
const params = new URLSearchParams(location.search);
const engine = params.get('engine');
const site = params.get('site');

const loaders = {
  async ours() {
    const { openIndex, answer } = await import('/src/answers/rank.js');
    const index = openIndex((name) => fetch(`/sites/${site}/ours/en/${name}`).then((r) => r.json()));
    return async (q) => (await answer(index, q, { sources: 3 })).sources.map((s) => s.href);
  },
  async minisearch() {
    const { default: MiniSearch } = await import('/node_modules/minisearch/dist/es/index.js');
    const { OPTIONS, SEARCH } = await import('/answers/minisearch_options.mjs');
    const text = await (await fetch(`/sites/${site}/minisearch/index.json`)).text();
    const index = MiniSearch.loadJSON(text, OPTIONS);
    return async (q) =>
      index.search(q, SEARCH).slice(0, 3).map((r) => (r.anchor ? `${r.url}#${r.anchor}` : r.url));
  },
  async pagefind() {
    const pagefind = await import(`/sites/${site}/pagefind/pagefind.js`);
    await pagefind.options({ excerptLength: 30 });
    await pagefind.init();
    return async (q) => {
      const search = await pagefind.search(q);
      const top = await Promise.all(search.results.slice(0, 3).map((r) => r.data()));
      // Pagefind takes the folder above its own as the site's root: /sites/<n>/.
      return top.map((d) => d.url.replace(`/sites/${site}/`, ''));
    };
  },
};

let ready = null;
window.longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: true });

window.ask = async (question) => {
  const start = performance.now();
  ready ??= loaders[engine]();
  const run = await ready;
  const sources = await run(question);
  return { ms: performance.now() - start, sources };
};
window.engineReady = true;
