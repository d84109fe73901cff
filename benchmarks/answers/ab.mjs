// The page bench_answers_ab.py drives: one version of our answers code (`src`: /A or
// /B, each an `assets/src` folder) over one generated site, loading the index as that
// version's widget does (panel.js indexLoader where it has one, else scriptLoader;
// paced). window.ask(question) resolves to the ms from the call to the answer and
// the term and section files it fetched.
const params = new URLSearchParams(location.search);
const src = params.get('src');
const site = params.get('site');

window.longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: true });

let ready = null;
async function load() {
  const { openIndex } = await import(`${src}/answers/rank.js`);
  const panel = await import(`${src}/answers/panel.js`);
  // As that version's widget wires it (openAnswers), or as older ones did.
  if (panel.openAnswers) return panel.openAnswers(`/sites/${site}/ours/en/`, 'ab', 3, window).early;
  const pause = panel.pauser(window);
  const loader = (panel.indexLoader ?? panel.scriptLoader)(`/sites/${site}/ours/en/`, 'ab', document, window);
  return panel.answering(openIndex(panel.paced(loader, pause)), { sources: 3, pause }, window);
}

performance.setResourceTimingBufferSize(100_000);
/** The index files fetched since `from` (resource timings): term files, section files. */
const fetched = (from) => {
  const names = performance.getEntriesByType('resource').slice(from).map((e) => new URL(e.name).pathname);
  return { terms: names.filter((n) => /\/t\d+\.js$/.test(n)).length, sections: names.filter((n) => /\/c\d+\.js$/.test(n)).length };
};

window.ask = async (question) => {
  const from = performance.getEntriesByType('resource').length;
  const start = performance.now();
  const early = await (ready ??= load());
  await early.answer(question);
  return { ms: performance.now() - start, ...fetched(from) };
};
window.abReady = true;
