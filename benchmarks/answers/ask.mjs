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
const { questions, sources = 3, params } = JSON.parse(input);
const index = openIndex(async (name) => JSON.parse(await readFile(join(folder, name), 'utf8')));
const out = [];
for (const question of questions) out.push(await answer(index, question, { sources, params }));
process.stdout.write(JSON.stringify(out));
