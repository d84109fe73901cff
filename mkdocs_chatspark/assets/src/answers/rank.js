// Answers a reader's question from the site's answers index (built by
// mkdocs_chatspark/answers/index.py), or says it has none. No DOM: the benchmark's
// scorer runs this very file in Node, so the browser and the figures agree.
//
//   const index = openIndex((name) => fetchJson(`${root}answers/${lang}/${name}`));
//   const result = await answer(index, 'how do I deploy to github pages?', { sources: 3 });
//   // {found: true, sources: [{url, title, heading, anchor, href, passage, marks, score}]}
//
// How a section scores: each word of the question is cut to its stem (text.js) and
// looked up; a stem the site does not have may match one it has by its start
// ("config" -> "configur"), by a synonym ("folder" -> "directory", languages.json) or,
// failing those, by one or two typing slips ("pluign" -> "plugin"), at a discount
// (found in the word list of its first two letters: only the term files of the
// site's words close to it load).
// A section's score is the sum, over the question's words,
// of the word's stored score in it (BM25F: title and heading count more than prose).
// Its coverage is the share of the question's weight (each word's idf) the section
// holds; the score is multiplied by the coverage (coverPower), so a section that
// holds all of the question beats one that holds a part. The first source is chosen
// with its page's help (its page's next best section adds to it, pageWeight): the page
// that answers in two places is likelier the one about the question. Whether there is
// an answer at all is judged on the section that would lead were coverage to count
// more (judgePower): below minCoverage there, the answer is "not found": the reader's
// question is about something the site does not say. It is "not found" too when no
// source shows minShown of the question's weight in its title, heading and passage
// together: the words are in the section, but scattered (a long post that mentions
// each in passing), which is how a question the site does not answer usually matches.

import { compileRules, rephrase, words as textWords } from './text.js';

/**
 * @typedef {{version: number, lang: string, rules: import('./text.js').RawRules,
 *   sections: number, pages: number[], shards: string[], chunks: number[],
 *   words?: string[], scale: number, idf_max: number}} Meta  meta.json
 * @typedef {(name: string) => Promise<any>} Load  a file of the language's index, parsed
 * @typedef {{url: string, title: string, heading: string, anchor: string, href: string,
 *   passage: string, marks: [number, number][], score: number, under?: string}} Source
 *   `under`: the heading above `heading`, where the page has `heading` more than once
 * @typedef {{found: boolean, sources: Source[]}} Answer
 */

/** The ranker's settings; `answer(..., {params})` may override them (the benchmark's tuning does). */
export const PARAMS = {
  /** A site's stem the question's word starts, or that starts it, counts this much. */
  prefixWeight: 0.7,
  /** A site's stem one or two slips away from the question's word counts this much. */
  typoWeight: 0.6,
  /** Shortest word that matches by its start. */
  minPrefix: 4,
  /** Most stems one word of the question may stand for (its synonyms aside). */
  maxVariants: 4,
  /** A synonym of the question's word (languages.json `synonyms`) counts this much. */
  synonymWeight: 0.8,
  /**
   * Below this share of the question's weight in the judge's lead (judgePower): not
   * found. At 0.5 (with minShown 0.35) the nine sets it was tuned on refused 19 of
   * their 360 questions the docs answer (5 %), and two sets written afterwards, never
   * tuned on (HTTPX's, PyMdown Extensions'), 19 of 80 (24 %): a reader's paraphrase
   * misses the site's words. At 0.4 and 0.25, 10 of 360 and 5 of 80; the questions the docs
   * do not answer refused fall from 80 of 90 to 60, and from 15 of 20 to 13
   * (benchmarks/README.md, fifth round). A wrong "not found" hides an answer the
   * site has; a wrong answer shows three passages the reader can judge at a glance.
   */
  minCoverage: 0.4,
  /**
   * A section's score is multiplied by its coverage to this power: all of the question
   * beats part of it. Squared, a section about the question's rarest word lost to one
   * that holds each word in passing once a filler word ("not found") was missing; at
   * 1.5 it still did on the sites it was not tuned on (Typer's, DRF's, SQLModel's,
   * Griffe's: benchmarks/README.md, 3 Dec 2026, fourth round).
   */
  coverPower: 1,
  /**
   * Whether the site answers at all is judged on another lead: the best section (with
   * its page's help) when its coverage counts to this power. Coverage is what tells a
   * question the site answers from one it does not; ranking by it as much made the
   * sources worse, ranking by it less and judging on that lead refused more of the
   * questions the site answers.
   */
  judgePower: 1.5,
  /**
   * Below this share of the question's weight in every source's title, heading and
   * passage (what the reader sees of it): not found. A word the reader sees that ends
   * with a longer word of the question counts it at prefixWeight: "Shell
   * autocompletion" shows "completion".
   */
  minShown: 0.25,
  /**
   * An identifier the question names (`model_dump`: its whole `modeldump`, text.js)
   * adds its score in a section at this weight; it is not a word of the question of
   * its own (its parts are), so coverage does not count it.
   */
  wholeWeight: 1,
  /**
   * The first source is chosen with its page's help: its score adds this share of the
   * best other section of its page that matches the question (passage retrieval that
   * weighs the document too, as Callan 1994 does): a page that answers in two places is
   * more likely the page about the question. The other sources are ranked on their own.
   */
  pageWeight: 0.3,
  /**
   * A word of the question the site lacks weighs the most there is (meta.json
   * `idf_max`): it marks a question about something else ("weather", "kubernetes").
   * One that most documentation sites use (languages.json `docs_words`: on 8 of the
   * 11 sites of benchmarks/answers) is more likely the reader's wording of a question
   * the site answers ("older", "split", "alias"), and weighs this share of it. Over
   * the eleven sets (benchmarks/README.md, sixth round): 10 of 440 questions the docs
   * answer refused, not 15, and 74 of 110 they do not, not 73; from 0 to 0.35 the
   * same 74, and 9 to 11. How common a word is in English, tried the same way, only
   * moved along the curve minCoverage draws.
   */
  commonWeight: 0.25,
  /**
   * A word of the question that is nothing of the site's (no stem of its own, none it
   * starts or that starts it, no synonym, no slip away; not a number, not one of
   * `docs_words`) weighs this many times the most there is: it names another topic
   * ("australia", "mongodb", "kubernetes"). Of the 520 questions the thirteen sets'
   * docs answer, 16 hold such a word ("hover", "wrong", "press"), and 87 of the 130
   * they do not. At 1.5, 96 of those 130 refused, not 86, and 14 of the 520, not 13;
   * raising minCoverage to refuse 96 refused 28 (benchmarks/README.md, seventh round).
   */
  missingWeight: 1.5,
};
export const PASSAGE_CHARS = 240;
const DIGITS = /^[0-9]+$/;

/** @param {Load} load */
export function openIndex(load) {
  /** @type {Map<string, Promise<any>>} */
  const files = new Map();
  /** @param {string} name */
  const file = (name) => {
    if (!files.has(name)) files.set(name, Promise.resolve().then(() => load(name)));
    return /** @type {Promise<any>} */ (files.get(name));
  };
  /** @type {Map<number, Promise<{shard: Record<string, number[]>, keys: string[]}>>} */
  const shards = new Map();
  /** A term file with its terms in order, sorted once. @param {number} i */
  const shard = (i) => {
    if (!shards.has(i)) shards.set(i, file(`t${i}.json`).then((s) => ({ shard: s, keys: Object.keys(s).sort() })));
    return /** @type {Promise<{shard: Record<string, number[]>, keys: string[]}>} */ (shards.get(i));
  };
  let ready = null;
  const meta = () =>
    (ready ??= file('meta.json').then((/** @type {Meta} */ m) => ({
      m,
      rules: compileRules(m.rules),
      chunkStart: startsOf(m.chunks),
      pageStart: startsOf(m.pages),
    })));
  return { file, shard, meta };
}

/**
 * Where each chunk (or page) starts, from how many sections each holds: a typed array
 * filled in place. At 10,000 pages these are 12,000 numbers, and a loop that pushed
 * each onto an array took 13 ms of the 4x slower main thread when meta.json arrived.
 * @param {number[]} counts @returns {Int32Array}
 */
function startsOf(counts) {
  const out = new Int32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) out[i + 1] = out[i] + counts[i];
  return out;
}

/** The last shard whose first term is <= term. @param {string[]} firsts @param {string} term */
function shardOf(firsts, term) {
  let lo = 0;
  let hi = firsts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (firsts[mid] <= term) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The first place in sorted keys whose key is >= term. @param {string[]} keys @param {string} term */
function lowerBound(keys, term) {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Optimal string alignment distance, or limit + 1 once it is over. */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = limit + 1;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length][b.length];
}

function idf(sections, df) {
  return Math.log(1 + (sections - df + 0.5) / (df + 0.5));
}

/** The loaded shards that hold the terms from `low` to `high`. */
function shardsFor(index, m, low, high) {
  const from = shardOf(m.shards, low);
  const to = shardOf(m.shards, high);
  return Promise.all(Array.from({ length: to - from + 1 }, (_, k) => index.shard(from + k)));
}

/** Each key of the shards from `low` up to `high`, with its postings. */
function* keysBetween(shards, low, high) {
  for (const { shard, keys } of shards) {
    for (let k = lowerBound(keys, low); k < keys.length && keys[k] <= high; k++) yield [keys[k], shard[keys[k]]];
  }
}

/**
 * The stems of the site that stand for one word of the question, with their weights:
 * the word itself, the stems it starts or that start it (their shards are next to the
 * word's own), its synonyms (the language's `synonyms`: "folder" for "directory"), and
 * only when there is none of those, stems a slip or two away that share its first two
 * letters (one or a few more shards).
 */
async function variants(index, m, rules, term, P) {
  const length = [...term].length;
  const low = term.slice(0, P.minPrefix + 1);
  const high = term + '\uffff';
  const others = rules.synonyms.get(term) ?? [];
  // The word's files and its synonyms' load at once: one wait, not one after another.
  const [near, ...away] = await Promise.all([
    shardsFor(index, m, low, high),
    ...others.map((other) => shardsFor(index, m, other, other)),
  ]);
  const found = [];
  for (const [key, postings] of keysBetween(near, low, high)) {
    if (key === term) found.push({ key, weight: 1, postings });
    else if (length >= P.minPrefix && key.startsWith(term)) found.push({ key, weight: P.prefixWeight, postings });
    else if (key.length > P.minPrefix && term.startsWith(key)) found.push({ key, weight: P.prefixWeight, postings });
  }
  const synonyms = [];
  for (const [i, other] of others.entries()) {
    for (const [key, postings] of keysBetween(away[i], other, other)) {
      synonyms.push({ key, weight: P.synonymWeight, postings });
    }
  }
  const limit = length >= 8 ? 2 : length >= 4 ? 1 : 0;
  if (!found.length && !synonyms.length && limit) {
    // A stem is a word's start, and a slip before its end moves the stemmer off it
    // ("pagnation" is stemmed `pagnat`, "pagination" `pagin`; "requried" `requry`,
    // "required" `requir`): a site's stem (5 letters or more) one slip from the
    // question word's start, as long as the stem or one letter more or less, is close.
    /** @param {string} key */
    const close = (key) =>
      distance(term, key, limit) <= limit ||
      (key.length > P.minPrefix &&
        [key.length - 1, key.length, key.length + 1].some((n) => distance(term.slice(0, n), key, 1) <= 1));
    for (const [key, postings] of await slips(index, m, term, close)) found.push({ key, weight: P.typoWeight, postings });
  }
  found.sort((a, b) => b.weight - a.weight || b.postings[0] - a.postings[0] || (a.key < b.key ? -1 : 1));
  return [...found.slice(0, P.maxVariants), ...synonyms.filter((s) => !found.some((f) => f.key === s.key))];
}

/**
 * The site's terms that share a word's first two letters and are `close` to it, with
 * their postings. From the word list of the word's group (index.py `word_group`), then
 * only the term files that hold those terms: a word the site lacks used to load every
 * term file of its two letters (26 at 10,000 pages). An index without word lists
 * (`meta.words`) reads those term files, as before.
 * @param {ReturnType<typeof openIndex>} index @param {Meta} m @param {string} term
 * @param {(key: string) => boolean} close @returns {Promise<[string, number[]][]>}
 */
async function slips(index, m, term, close) {
  const prefix = term.slice(0, 2);
  if (!m.words) {
    const shards = await shardsFor(index, m, prefix, prefix + '\uffff');
    return [...keysBetween(shards, prefix, prefix + '\uffff')].filter(([key]) => close(key));
  }
  const [first = '', second = ''] = term; // letters, not UTF-16 units
  const group = m.words.indexOf(first.length === 1 && second.length <= 1 ? first + second : first);
  if (group < 0) return [];
  /** @type {string[]} */
  const words = await index.file(`w${group}.json`);
  const keys = words.filter((key) => key.startsWith(prefix) && close(key));
  const which = keys.map((key) => shardOf(m.shards, key));
  const shards = await Promise.all(which.map((i) => index.shard(i)));
  /** @type {[string, number[]][]} */
  const out = [];
  for (const [k, key] of keys.entries()) {
    const postings = shards[k].shard[key];
    if (postings) out.push([key, postings]);
  }
  return out;
}

/**
 * While the reader types: loads the term files the question will need, so that
 * answering it waits for none. A word the reader has finished (a space follows it)
 * loads what answer() would load for it; the word being typed, once it is longer
 * than minPrefix, loads the files of the stems it starts (the finished word's are
 * among them). Resolves to true when each of the words is one the site has: the
 * question is then worth answering ahead of Enter (panel.js).
 * @param {ReturnType<typeof openIndex>} index
 * @param {string} text  the box's text as it is
 * @param {{params?: Partial<typeof PARAMS>}} [options]
 * @returns {Promise<boolean>}
 */
export async function prefetch(index, text, options = {}) {
  const P = { ...PARAMS, ...options.params };
  const { m, rules } = await index.meta();
  const typed = textWords(rephrase(text.normalize('NFC'), rules), rules);
  if (!m.sections || !typed.some((w) => w.terms.length)) return false;
  const typing = /[\p{L}\p{N}]$/u.test(text) ? typed[typed.length - 1] : null;
  const known = await Promise.all(
    typed.flatMap((w) =>
      w.terms.map(async (term) => {
        if (w !== typing) return (await variants(index, m, rules, term, P)).some((v) => v.weight === 1);
        // Short, the word's own file only: the stems it starts may fill many.
        const long = [...term].length > P.minPrefix;
        const shards = await shardsFor(index, m, long ? term.slice(0, P.minPrefix + 1) : term, long ? term + '\uffff' : term);
        for (const [key] of keysBetween(shards, term, term)) if (key === term) return true;
        return false;
      }),
    ),
  );
  return known.every(Boolean);
}

/**
 * Answer a question from an index opened with openIndex.
 * @param {ReturnType<typeof openIndex>} index
 * @param {string} question
 * @param {{sources?: number, params?: Partial<typeof PARAMS>, pause?: () => Promise<void>}} [options]
 *   `pause`: awaited between the steps of the work, so that a page can let the
 *   reader's input in (no long task); the answer is the same with or without it.
 * @returns {Promise<Answer>}
 */
export async function answer(index, question, options = {}) {
  const wanted = options.sources ?? 3;
  const P = { ...PARAMS, ...options.params };
  const pause = options.pause ?? (() => Promise.resolve());
  const { m, rules, chunkStart, pageStart } = await index.meta();
  // A task of its own when meta.json has just arrived: reading it is work enough.
  await pause();
  question = rephrase(question.normalize('NFC'), rules);
  const asked = [...new Set(textWords(question, rules).flatMap((w) => w.terms))];
  if (!asked.length || !m.sections) return { found: false, sources: [] };
  // The code names' files load beside the words' (awaited after the scoring).
  const naming = named(index, m, rules, question, asked);
  naming.catch(() => undefined); // awaited below, unless the words' files fail first
  const found = [];
  for (const [i, list] of (await Promise.all(asked.map((term) => variants(index, m, rules, term, P)))).entries()) {
    // A stem the question asks for itself is that word's, not a variant of another's:
    // "views" would find `viewset` by its start, and a section about viewsets would
    // count "viewsets instead of views" twice.
    found.push(list.filter((v) => v.key === asked[i] || !asked.includes(v.key)));
    await pause();
  }
  // Typed arrays, not an object per posting: a common word has a thousand postings.
  const arrays = scratch(m.sections);
  const { score, cover, best, share } = arrays;
  /** @type {number[]} */
  const touched = [];
  const markable = new Set();
  /**
   * Each variant's stem: [which word of the question it stands for, its weight, the word's].
   * @type {Map<string, [number, number, number][]>}
   */
  const standsFor = new Map();
  let total = 0;
  /** The question's words longer than minPrefix: [stem, which word, its weight shown inside another]. */
  /** @type {[string, number, number][]} */
  const endings = [];
  for (const [asking, list] of found.entries()) {
    await pause();
    // The word's weight in the question: its idf, or the highest for a word the site
    // lacks, less for one most documentation sites use (the reader's wording), more
    // for one that is nothing of the site's (another topic: missingWeight).
    const exact = list.find((v) => v.weight === 1);
    const weight = exact
      ? idf(m.sections, exact.postings[0])
      : rules.docsWords.has(asked[asking])
        ? P.commonWeight * m.idf_max
        : list.length || DIGITS.test(asked[asking]) // a number: an example's value, not a topic
          ? m.idf_max
          : P.missingWeight * m.idf_max;
    total += weight;
    if ([...asked[asking]].length > P.minPrefix) endings.push([asked[asking], asking, P.prefixWeight * weight]);
    /** @type {number[]} */
    const here = [];
    for (const variant of list) {
      markable.add(variant.key);
      if (!standsFor.has(variant.key)) standsFor.set(variant.key, []);
      standsFor.get(variant.key).push([asking, variant.weight, weight]);
      const p = variant.postings;
      let section = 0;
      for (let k = 1; k < p.length; k += 2) {
        section += p[k];
        const value = (variant.weight * p[k + 1]) / m.scale;
        if (!best[section]) here.push(section);
        if (value > best[section]) {
          best[section] = value;
          share[section] = variant.weight;
        }
      }
    }
    for (const section of here) {
      if (!score[section]) touched.push(section);
      score[section] += best[section];
      cover[section] += weight * share[section];
      best[section] = 0;
    }
  }
  for (const postings of await naming) {
    let section = 0;
    for (let k = 1; k < postings.length; k += 2) {
      section += postings[k];
      if (score[section]) score[section] += (P.wholeWeight * postings[k + 1]) / m.scale;
    }
  }
  // Each section's own score and the judge's (judgePower); each page's two best of
  // each: [first, second, the judge's first, its second], updated in place.
  /** @type {Map<number, number[]>} */
  const pageBest = new Map();
  const own = touched.map((section) => {
    const covered = total ? cover[section] / total : 0;
    const points = score[section] * covered ** P.coverPower;
    const judged = score[section] * covered ** P.judgePower;
    const page = chunkOf(pageStart, section);
    let tops = pageBest.get(page);
    if (!tops) pageBest.set(page, (tops = [0, 0, 0, 0]));
    if (points > tops[0]) {
      tops[1] = tops[0];
      tops[0] = points;
    } else if (points > tops[1]) tops[1] = points;
    if (judged > tops[2]) {
      tops[3] = tops[2];
      tops[2] = judged;
    } else if (judged > tops[3]) tops[3] = judged;
    return { section, score: points, cover: covered, page, judged };
  });
  // The best sections by their own score, one more than `wanted` (at least one, for
  // the threshold), best first; and the lead: the best with its page's help.
  /** @type {{section: number, score: number, cover: number}[]} */
  const chosen = [];
  const keep = Math.max(1, wanted) + 1;
  /** @type {{section: number, score: number, cover: number} | null} */
  let lead = null;
  /** The judge's lead: its coverage decides whether the site answers. @type {{section: number, score: number, cover: number} | null} */
  let judge = null;
  for (const [k, entry] of own.entries()) {
    // A common word touches thousands of sections: a task of their own now and then.
    if (k % 1024 === 1023) await pause();
    const [first, second, one, two] = /** @type {number[]} */ (pageBest.get(entry.page));
    const helped = entry.score + P.pageWeight * (first === entry.score ? second : first);
    if (!lead || helped > lead.score || (helped === lead.score && entry.section < lead.section)) {
      lead = { section: entry.section, score: helped, cover: entry.cover };
    }
    const judged = entry.judged + P.pageWeight * (one === entry.judged ? two : one);
    if (!judge || judged > judge.score || (judged === judge.score && entry.section < judge.section)) {
      judge = { section: entry.section, score: judged, cover: entry.cover };
    }
    if (chosen.length === keep && !before(entry, chosen[keep - 1])) continue;
    let at = chosen.length;
    while (at > 0 && before(entry, chosen[at - 1])) at--;
    chosen.splice(at, 0, entry);
    if (chosen.length > keep) chosen.pop();
  }
  // The lead goes first, with its page's help in its score (it is over every other
  // section's own score, so the scores stay best first).
  if (lead) chosen.splice(0, chosen.length, lead, ...chosen.filter((c) => c.section !== lead?.section));
  release(arrays, touched);
  const top = chosen[0];
  if (!top || !judge || judge.cover < P.minCoverage) return { found: false, sources: [] };
  const picked = chosen.slice(0, wanted);
  await pause();
  const rows = await Promise.all(picked.map(({ section }) => index.file(`c${chunkOf(chunkStart, section)}.json`)));
  let near = 0;
  const sources = [];
  for (const [k, { section, score: points }] of picked.entries()) {
    await pause();
    const c = chunkOf(chunkStart, section);
    const [url, title, heading, anchor, text, under] = rows[k][section - chunkStart[c]];
    const { passage, marks } = extract(text.normalize('NFC'), rules, markable);
    near = Math.max(near, shown(`${title} ${heading} ${passage}`, rules, standsFor, endings, total));
    const source = { url, title, heading, anchor, href: anchor ? `${url}#${anchor}` : url, passage, marks, score: round(points) };
    sources.push(under ? { ...source, under } : source);
  }
  // The question's words are in the sections, but scattered: no source shows enough
  // of them together (a long page that mentions each in passing).
  if (near < P.minShown) return { found: false, sources: [] };
  return { found: true, sources };
}

/**
 * The share of the question's weight in a text (a source's title, heading and passage):
 * each of the question's words counts once, at its best variant's weight, or as the
 * end of a longer word of the text (a compound: "autocompletion" shows "completion").
 * @param {string} text @param {import('./text.js').Rules} rules
 * @param {Map<string, [number, number, number][]>} standsFor
 * @param {[string, number, number][]} endings @param {number} total
 */
function shown(text, rules, standsFor, endings, total) {
  const got = new Map();
  for (const word of textWords(text.normalize('NFC'), rules)) {
    for (const term of [...word.terms, ...word.wholes]) {
      for (const [end, i, value] of endings) {
        if (term.length > end.length && term.endsWith(end) && value > (got.get(i) ?? 0)) got.set(i, value);
      }
      for (const [i, w, weight] of standsFor.get(term) ?? []) {
        if (w * weight > (got.get(i) ?? 0)) got.set(i, w * weight);
      }
    }
  }
  let sum = 0;
  for (const v of got.values()) sum += v;
  return total ? sum / total : 0;
}

/**
 * Per-section arrays for one answer, reused: at 10,000 pages they are four of 400 kB,
 * and allocating them for each answer (as the reader types) kept the garbage
 * collector busy for long stretches. Answers may overlap (one answered ahead while
 * another is sent), so each takes its own from the pool and gives it back zeroed.
 * @type {{n: number, score: Float64Array, cover: Float64Array, best: Float64Array, share: Float64Array}[]}
 */
const pool = [];

/** @param {number} n */
function scratch(n) {
  const found = pool.pop();
  if (found && found.n === n) return found;
  return { n, score: new Float64Array(n), cover: new Float64Array(n), best: new Float64Array(n), share: new Float64Array(n) };
}

/** Zeroed where used (best is zeroed as it goes), and back to the pool. */
function release(arrays, touched) {
  for (const section of touched) {
    arrays.score[section] = 0;
    arrays.cover[section] = 0;
    arrays.share[section] = 0;
  }
  if (pool.length < 4) pool.push(arrays);
}

/**
 * The postings of each code name the question writes whole that the site has: the
 * question's `model_dump` is asked for by its parts, and its whole (`modeldump`,
 * text.js) adds to the sections that name it so.
 * @param {ReturnType<typeof openIndex>} index @param {Meta} m
 * @param {import('./text.js').Rules} rules @param {string} question @param {string[]} asked
 * @returns {Promise<number[][]>}
 */
async function named(index, m, rules, question, asked) {
  const wholes = new Set(textWords(question.normalize('NFC'), rules).flatMap((w) => w.wholes));
  const found = await Promise.all(
    [...wholes].filter((term) => !asked.includes(term)).map(async (term) => {
      for (const [key, postings] of keysBetween(await shardsFor(index, m, term, term), term, term)) if (key === term) return postings;
      return null;
    }),
  );
  return /** @type {number[][]} */ (found.filter(Boolean));
}

/** Higher score first; on a tie, the earlier section. */
function before(a, b) {
  return a.score > b.score || (a.score === b.score && a.section < b.section);
}

function round(x) {
  return Math.round(x * 100) / 100;
}

/** The chunk (or page) that holds a section, by where each starts. @param {ArrayLike<number>} starts @param {number} section */
function chunkOf(starts, section) {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= section) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The stretch of a section's text (at most PASSAGE_CHARS) with the most of the
 * question's words, and where they are in it.
 * @param {string} text @param {import('./text.js').Rules} rules @param {Set<string>} markable
 */
export function extract(text, rules, markable) {
  const all = textWords(text, rules);
  const hits = all.map((w) => [...w.terms, ...w.wholes].filter((t) => markable.has(t)));
  let best = { from: 0, to: 0, value: -1 };
  // A window of words [from, to] slides along the text: how often each of the
  // question's terms is in it, and how many of its words are marked.
  /** @type {Map<string, number>} */
  const inWindow = new Map();
  let count = 0;
  let to = -1;
  for (let from = 0; from < all.length; from++) {
    if (from > 0) {
      for (const t of hits[from - 1]) {
        const n = inWindow.get(t) - 1;
        if (n) inWindow.set(t, n);
        else inWindow.delete(t);
      }
      if (hits[from - 1].length) count--;
    }
    if (to < from) {
      to = from;
      for (const t of hits[to]) inWindow.set(t, (inWindow.get(t) ?? 0) + 1);
      if (hits[to].length) count++;
    }
    while (to + 1 < all.length && all[to + 1].end - all[from].start <= PASSAGE_CHARS) {
      to++;
      for (const t of hits[to]) inWindow.set(t, (inWindow.get(t) ?? 0) + 1);
      if (hits[to].length) count++;
    }
    const value = inWindow.size + count / 100;
    if (value > best.value) best = { from, to, value };
  }
  if (!all.length) return { passage: text.slice(0, PASSAGE_CHARS), marks: [] };
  // Start at the sentence's start when it is close enough.
  let start = all[best.from].start;
  const end = all[best.to].end;
  const sentence = Math.max(text.lastIndexOf('. ', start), -1);
  if (sentence >= 0 && end - (sentence + 2) <= PASSAGE_CHARS) start = sentence + 2;
  else if (best.from === 0) start = 0;
  let stop = end;
  if (best.to === all.length - 1) stop = text.length <= start + PASSAGE_CHARS + 20 ? text.length : end;
  const head = start > 0 ? '… ' : '';
  const tail = stop < text.length ? ' …' : '';
  const marks = [];
  for (let k = best.from; k <= best.to; k++) {
    if (hits[k].length && all[k].start >= start) marks.push([all[k].start - start + head.length, all[k].end - start + head.length]);
  }
  return { passage: head + text.slice(start, stop) + tail, marks };
}
