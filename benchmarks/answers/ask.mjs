// Runs the browser's ranker (mkdocs_chatspark/assets/src/answers/rank.js) in Node over
// one language's index folder. Reads {"questions": [...], "sources": 3} on stdin and
// writes one answer per question, as JSON, on stdout. The scorer and the tests use it,
// so their figures come from the very code the browser runs.
//
//   echo '{"questions": ["how do I deploy?"]}' | node benchmarks/answers/ask.mjs site/answers/en
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { answer, openIndex } from '../../mkdocs_chatspark/assets/src/answers/rank.js';

const folder = process.argv[2];
let input = '';
for await (const chunk of process.stdin) input += chunk;
// `fresh`: each question gets an index of its own and its answer the names of the
// files it loaded (bench_answers_engines.py counts a typo'd word's files so).
const { questions, sources = 3, params, fresh = false } = JSON.parse(input);
const open = (loaded) =>
  openIndex(async (name) => {
    loaded.push(name);
    return JSON.parse(await readFile(join(folder, name), 'utf8'));
  });
const shared = open([]);
const out = [];
for (const question of questions) {
  const loaded = [];
  const result = await answer(fresh ? open(loaded) : shared, question, { sources, params });
  out.push(fresh ? { ...result, files: loaded } : result);
}
process.stdout.write(JSON.stringify(out));
