// Words of a text as the answers index counts them: the same steps as
// mkdocs_chatspark/answers/text.py, which built the index. A word is a run of letters
// and digits, or of such runs joined by `-`, `_` or `.` (a code identifier, a hyphenated
// word). It counts as its parts (split at `-`, `_`, `.` and camelCase) and then as each dotted segment
// written whole (`model_dump`: model, dump, modeldump). Each part is lower-cased and
// stripped of accents; a run of Chinese or Japanese script becomes its overlapping
// pairs of characters. Stop words go; the rest is cut to a stem by the language's
// suffix rules, which arrive with the index (meta.json `rules`).
// No DOM: runs in Node and in the browser alike.

/**
 * @typedef {{stop: string[], steps: [string, string][][], synonyms?: string[][],
 *   synonym_stems?: string[][], phrases?: [string, string][], docs_words?: string[]}} RawRules
 *   as in languages.json; meta.json has the synonym groups as stems (index.py
 *   `synonym_stems`), not as words, and of `docs_words` only the stems the site lacks
 * @typedef {{stop: Set<string>, steps: [RegExp, string][][], known: Map<string, {terms: string[], wholes: string[]}>,
 *   synonyms: Map<string, string[]>, phrases: [RegExp, string][], docsWords: Set<string>}} Rules
 *   `known`: the terms of words already seen (a passage repeats its words);
 *   `synonyms`: each stem of a synonym group, to the group's other stems;
 *   `phrases`: a reader's phrasal verbs and the one word a site writes for each;
 *   `docsWords`: stems most documentation sites use that this one lacks (rank.js commonWeight)
 * @typedef {{start: number, end: number, terms: string[], wholes: string[]}} Word  offsets in
 *   the NFC text; `wholes`: an identifier's segments written whole (text.py `word_terms`)
 */

const WORD = /[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)*/gu;
/** Where camelCase splits (ASCII only), as text.py's CAMEL. */
const CAMEL = /(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/;
const CAMEL_ANY = /[a-z0-9][A-Z]|[A-Z][A-Z][a-z]/;
const DIGITS = /^[0-9]+$/;
const CJK = /([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]+)/u;
const CJK_ANY = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/u;
const CJK_START = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/u;

/** @param {RawRules} raw @returns {Rules} */
export function compileRules(raw) {
  /** @type {Rules} */
  const rules = {
    stop: new Set(raw.stop),
    known: new Map(),
    steps: raw.steps.map((step) => step.map(([pattern, repl]) => [new RegExp(pattern, 'u'), repl])),
    synonyms: new Map(),
    phrases: (raw.phrases ?? []).map(([pattern, repl]) => [new RegExp(pattern, 'giu'), repl]),
    docsWords: new Set(raw.docs_words ?? []),
  };
  // Stemmed by the index's builder: stemming the words here was most of the task
  // meta.json arrives in (the stemmer's first runs) with the CPU slowed 4x.
  const groups = raw.synonym_stems ?? (raw.synonyms ?? []).map((group) => group.map((word) => stem(fold(word), rules)));
  for (const group of groups) {
    const stems = [...new Set(group)];
    for (const one of stems) {
      const others = rules.synonyms.get(one) ?? [];
      for (const other of stems) if (other !== one && !others.includes(other)) others.push(other);
      rules.synonyms.set(one, others);
    }
  }
  return rules;
}

/**
 * A question in the site's words: each of the language's phrases (languages.json
 * `phrases`: "turn the plugin off" is "disable the plugin") rewritten. Only the
 * question: a site that writes "turn off" still has both words.
 * @param {string} text @param {Rules} rules
 */
export function rephrase(text, rules) {
  for (const [pattern, repl] of rules.phrases) text = text.replace(pattern, repl);
  return text;
}

/** Lower case, Latin accents removed (é is e, ü is u; パ stays パ). @param {string} word */
export function fold(word) {
  return word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** The first matching rule of each step, in order. @param {string} word @param {Rules} rules */
export function stem(word, rules) {
  for (const step of rules.steps) {
    for (const [pattern, repl] of step) {
      if (pattern.test(word)) {
        word = word.replace(pattern, repl);
        break;
      }
    }
  }
  return word;
}

/** A folded word, or its pairs of characters in a run of Chinese or Japanese. @param {string} word */
export function pieces(word) {
  if (!CJK_ANY.test(word)) return [word];
  const out = [];
  word.split(CJK).forEach((part, i) => {
    if (!part) return;
    if (i % 2 === 0 || part.length === 1) out.push(part);
    else for (let j = 0; j < part.length - 1; j++) out.push(part.slice(j, j + 2));
  });
  return out;
}

/** @param {string} part @param {Rules} rules @param {string[]} out */
function partTerms(part, rules, out) {
  for (const piece of pieces(fold(part))) {
    if (rules.stop.has(piece) || ([...piece].length < 2 && !CJK_START.test(piece))) continue;
    out.push(stem(piece, rules));
  }
}

/**
 * The terms of one word of text (none for a stop word): its parts', and an identifier's
 * segments' (between dots) of two or more parts not all digits, written whole.
 * @param {string} word @param {Rules} rules @returns {{terms: string[], wholes: string[]}}
 */
export function wordTerms(word, rules) {
  const seen = rules.known.get(word);
  if (seen) return seen;
  const out = { terms: [], wholes: [] };
  if (!/[-_.]/.test(word) && !CAMEL_ANY.test(word)) partTerms(word, rules, out.terms);
  else {
    for (const segment of word.split('.')) {
      const parts = segment.split(/[-_]/).flatMap((chunk) => (/^[a-z]/.test(chunk) ? chunk.split(CAMEL) : [chunk]));
      for (const part of parts) partTerms(part, rules, out.terms);
      if (parts.filter((part) => !DIGITS.test(part)).length >= 2) {
        const whole = fold(parts.join(''));
        if (!rules.stop.has(whole) && !CJK_ANY.test(whole)) out.wholes.push(stem(whole, rules));
      }
    }
  }
  if (rules.known.size < 50_000) rules.known.set(word, out);
  return out;
}

/** Every word of a text with its place. @param {string} text (NFC) @param {Rules} rules @returns {Word[]} */
export function words(text, rules) {
  const out = [];
  for (const match of text.matchAll(WORD)) {
    const { terms: found, wholes } = wordTerms(match[0], rules);
    out.push({ start: match.index, end: match.index + match[0].length, terms: found, wholes });
  }
  return out;
}

/** The index terms of a text, in order, repeats kept. @param {string} text @param {Rules} rules */
export function terms(text, rules) {
  return words(text.normalize('NFC'), rules).flatMap((word) => [...word.terms, ...word.wholes]);
}
