// The page bench_answers_ab.py drives: one version of our answers code (`src`: /A or
// /B, each an `assets/src` folder) over one generated site, loading the index as that
// version's widget does (panel.js indexLoader where it has one, else scriptLoader;
// paced). window.ask(question) resolves to the ms from the call to the answer.
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
  const pause = panel.pauser(window);
  const loader = (panel.indexLoader ?? panel.scriptLoader)(`/sites/${site}/ours/en/`, 'ab', document, window);
  return panel.answering(openIndex(panel.paced(loader, pause)), { sources: 3, pause }, window);
}

window.ask = async (question) => {
  const start = performance.now();
  const early = await (ready ??= load());
  await early.answer(question);
  return performance.now() - start;
};
window.abReady = true;
