// Builds the MiniSearch index of a site's sections for bench_answers_engines.py.
// Reads [{id, url, title, heading, anchor, text}] from argv[2]; writes the index's JSON to argv[3]/index.json.
import { readFile, writeFile } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import { OPTIONS } from './minisearch_options.mjs';

const sections = JSON.parse(await readFile(process.argv[2], 'utf8'));
const index = new MiniSearch(OPTIONS);
index.addAll(sections);
await writeFile(`${process.argv[3]}/index.json`, JSON.stringify(index));
