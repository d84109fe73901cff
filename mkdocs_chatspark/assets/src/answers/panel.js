// The answers part of the bundled widget: the conversation in the panel's log.
// widget.js draws the Ask box (asking.js) and loads this file the first time the
// reader focuses it; this file loads the language's index a file at a time, as
// rank.js asks for them, and never sends the question anywhere.
//
// An answer quotes the site: up to `sources` sections, best first, each its page's
// title and section heading, a passage with the reader's words marked, and a link
// to the section. With nothing good enough it says so, links to no page, and offers
// the page's actions; a form chosen there gets the question (asking.js).

import { answer, openIndex, prefetch } from './rank.js';

/** What the index scripts file their JSON under (answering.INDEX_GLOBAL). */
export const INDEX_GLOBAL = '__chatsparkAnswers';
/** Questions kept per tab: the oldest go first. */
export const KEPT_TURNS = 20;
/** A reader who stops typing this long gets the question answered ahead, whatever its words. */
export const PAUSE_MS = 300;

/**
 * @typedef {{title: string, heading: string, href: string, passage: string,
 *   marks: [number, number][], under?: string}} Shown  a source as kept and drawn
 * @typedef {{question: string, found: boolean, sources: Shown[]}} Turn
 * @typedef {Object} Handle  asking.js's `asking`
 * @property {{answers: {index: string, version: string, sources: number}}} site
 * @property {Object<string, string>} text
 * @property {URL} root  the site's root
 * @property {string} key  sessionStorage key, the language's index URL in it
 * @property {string} index  the index folder's URL
 * @property {number} sources
 * @property {HTMLElement} log
 * @property {HTMLInputElement} input
 * @property {HTMLButtonElement} clear
 * @property {(tag: string, attrs?: Object, kids?: Node[]) => HTMLElement} el
 * @property {(key: string, node: HTMLElement) => HTMLElement} words
 * @property {?string} pending  a question sent before this part was there
 * @property {Object<string, Promise<string>>} ahead  index files' texts whose fetch
 *   began before this part was there (meta.json, at the box's first focus)
 * @property {?Object} part
 * @property {() => {id: string, type: string, label: string}[]} actions
 * @property {() => HTMLElement} items  the panel's list of actions (ui.js)
 * @property {Object<string, {question: string, pages: string[]}>} handed  action id ->
 *   the question a refusal handed its form, which its submission carries (drafts.js)
 * @property {() => void} keep  writes `handed` down for the tab (drafts.js)
 * @property {(url: string) => void} navigate
 * @property {(found: boolean) => void} track
 */

/**
 * A loader for rank.js's openIndex: each `<name>.json` of the index is a script
 * `<name>.js` (a page opened from file:// cannot fetch), which files the JSON under
 * its name in window.__chatsparkAnswers; `?v=` keeps a cache from mixing builds.
 * `arrived` is told as a file's task begins (see `pauser`).
 * @param {string} folder @param {string} version @param {Document} doc @param {Window} win
 * @param {() => void} [arrived]
 */
export function scriptLoader(folder, version, doc, win, arrived = () => undefined) {
  return (/** @type {string} */ name) =>
    new Promise((resolve, reject) => {
      const script = doc.createElement('script');
      script.src = `${folder}${name.replace(/\.json$/, '')}.js?v=${encodeURIComponent(version)}`;
      script.onload = () => {
        arrived();
        script.remove();
        const files = win[INDEX_GLOBAL] || {};
        if (!Object.prototype.hasOwnProperty.call(files, name)) {
          reject(new Error(`ChatSpark: ${script.src} did not carry ${name}`));
          return;
        }
        const data = files[name];
        delete files[name];
        resolve(data);
      };
      script.onerror = () => {
        script.remove();
        reject(new Error(`ChatSpark: could not load ${script.src}`));
      };
      doc.head.appendChild(script);
    });
}

/**
 * The JSON an index script carries: `index_scripts` (answering.py) writes each file as
 * `(window.__chatsparkAnswers=window.__chatsparkAnswers||{})["<name>"]=<JSON>;`.
 * @param {string} text @param {string} name @param {string} url @returns {any}
 */
export function carried(text, name, url) {
  const head = `[${JSON.stringify(name)}]=`;
  const at = text.indexOf(head);
  const end = text.lastIndexOf(';');
  if (at < 0 || end < at) throw new Error(`ChatSpark: ${url} did not carry ${name}`);
  return JSON.parse(text.slice(at + head.length, end));
}

/**
 * The index's loader: where the page can fetch (http, https), each script's text is
 * fetched and its JSON read (JSON.parse), which costs the page's main thread less
 * than a script element (its start, its compile and run, its load event): at 10,000
 * pages, with the CPU slowed 4x, a pasted question waits for two rounds of files.
 * From file://, or once a fetch has failed (a Content-Security-Policy's connect-src,
 * an address of another origin), the scripts themselves (scriptLoader). `arrived` is
 * told as a file's task begins, before its JSON is read (see `pauser`).
 * @param {string} folder @param {string} version @param {Document} doc @param {Window} win
 * `ahead`: files whose fetch began before (asking.js: meta.json, as the part itself
 * loaded), each taken once.
 * @param {() => void} [arrived] @param {Object<string, Promise<string>>} [ahead]
 * @returns {(name: string) => Promise<any>}
 */
export function indexLoader(folder, version, doc, win, arrived = () => undefined, ahead = {}) {
  const script = scriptLoader(folder, version, doc, win, arrived);
  if (typeof win.fetch !== 'function' || !/^https?:$/.test(new URL(folder, doc.baseURI).protocol)) return script;
  let fetching = true;
  return async (name) => {
    if (!fetching) return script(name);
    const url = `${folder}${name.replace(/\.json$/, '')}.js?v=${encodeURIComponent(version)}`;
    const early = ahead[name];
    delete ahead[name];
    try {
      let text;
      if (early) text = await early;
      else {
        const response = await win.fetch(url);
        if (!response.ok) throw new Error(`ChatSpark: could not load ${url} (${response.status})`);
        text = await response.text();
      }
      arrived();
      return carried(text, name, url);
    } catch (err) {
      fetching = false;
      return script(name);
    }
  };
}

/** A pause yields only once the task has run this long: each yield lets every task the
 * browser has queued go first (under a 4x slower CPU, a pasted question's answer waited
 * tens of ms behind them), and a task stays well under the 50 ms of a long one. */
export const SLICE_MS = 10;

/**
 * @typedef {(() => Promise<void>) & {begun: () => void}} Pause  what answer() awaits
 *   between its steps, and how a task that runs them tells its start
 */

/**
 * What answer() awaits between its steps: a task of its own once the current one has
 * run SLICE_MS, so that the reader's typing is never held up behind a long one.
 * `scheduler.yield()` where the browser has it; a message to itself elsewhere (a timer
 * would wait 4 ms when nested). A task that runs answer()'s steps tells its start with
 * `begun()`: a question sent or typed, an index file arriving (the loaders). Its first
 * SLICE_MS are then its own, and a question whose files are in is answered in the task
 * it was sent in; a yield there would let the browser draw a frame (the "…" of the
 * waiting answer, with the CPU 4x slower 20-40 ms here) before the answer. A task that
 * does not tell its start yields at its first pause.
 * @param {Window} win @returns {Pause}
 */
export function pauser(win) {
  const scheduler = /** @type {any} */ (win).scheduler;
  /** @type {() => Promise<void>} */
  let yieldNow;
  if (scheduler && typeof scheduler.yield === 'function') yieldNow = () => scheduler.yield();
  else {
    const channel = new win.MessageChannel();
    /** @type {(() => void)[]} */
    const waiting = [];
    channel.port1.onmessage = () => /** @type {() => void} */ (waiting.shift())();
    yieldNow = () =>
      new Promise((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(null);
      });
  }
  let since = -Infinity;
  const pause = async () => {
    if (win.performance.now() - since < SLICE_MS) return;
    await yieldNow();
    since = win.performance.now();
  };
  return Object.assign(pause, {
    begun() {
      since = win.performance.now();
    },
  });
}

/**
 * The language's index and the answering of its questions, wired as the Ask box
 * wires them (the benchmarks load this too): the files fetched, or run as scripts
 * from file://, started one after another (`paced`), every file loaded kept.
 * @param {string} folder  the language's index folder @param {string} version
 * @param {number} sources @param {Window} win
 * @param {Object<string, Promise<string>>} [ahead]  see indexLoader
 */
export function openAnswers(folder, version, sources, win, ahead = {}) {
  const pause = pauser(win);
  const index = openIndex(paced(indexLoader(folder, version, win.document, win, pause.begun, ahead), pause));
  return { index, early: answering(index, { sources, pause }, win) };
}

/**
 * A loader that starts each file after a pause: a question's words start several at
 * once, and starting a load (a script element, a fetch) costs the main thread; a
 * burst of them in one task made a long one at 10,000 pages.
 * @template T
 * @param {(name: string) => Promise<T>} load @param {() => Promise<void>} pause
 * @returns {(name: string) => Promise<T>}
 */
export function paced(load, pause) {
  /** @type {Promise<void>} */
  let turn = Promise.resolve();
  return (name) => {
    const mine = turn.then(pause);
    turn = mine;
    return mine.then(() => load(name));
  };
}

/**
 * A source's address from any page: `href` is from the site's root (`guide/x/#a`,
 * `guide/x.html#a`, `#a` on the home page). Opened from disk (file://), a folder's
 * address gets its index.html, as a browser shows no folder's page there.
 * @param {string} href @param {URL} root
 */
export function sourceUrl(href, root) {
  const url = new URL(href, root);
  if (url.protocol === 'file:' && url.pathname.endsWith('/')) url.pathname += 'index.html';
  return url.href;
}

/**
 * The passage as nodes: text, with the reader's words in <mark>.
 * @param {string} passage @param {[number, number][]} marks @param {Document} doc
 */
export function marked(passage, marks, doc) {
  const out = [];
  let at = 0;
  for (const [from, to] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (from < at || to <= from || to > passage.length) continue;
    if (from > at) out.push(doc.createTextNode(passage.slice(at, from)));
    const mark = doc.createElement('mark');
    mark.textContent = passage.slice(from, to);
    out.push(mark);
    at = to;
  }
  if (at < passage.length) out.push(doc.createTextNode(passage.slice(at)));
  return out;
}

/** @param {Storage|null} store @param {string} key @returns {Turn[]} */
function readTurns(store, key) {
  try {
    const turns = JSON.parse((store && store.getItem(key)) || '[]');
    return Array.isArray(turns) ? turns.filter((t) => t && typeof t.question === 'string') : [];
  } catch (err) {
    return [];
  }
}

/** @param {Storage|null} store @param {string} key @param {Turn[]} turns */
function writeTurns(store, key, turns) {
  try {
    if (!store) return;
    if (turns.length) store.setItem(key, JSON.stringify(turns.slice(-KEPT_TURNS)));
    else store.removeItem(key);
  } catch (err) {
    // Storage full or refused: the conversation stays on this page only.
  }
}

/** @param {Window} win */
function session(win) {
  try {
    return win.sessionStorage;
  } catch (err) {
    return null;
  }
}

/**
 * Answers ahead of Enter. As the reader types (`typed`), the term files of the
 * question's words load (rank.js prefetch); once each word is one the site has, or
 * the reader stops typing for PAUSE_MS, the question is answered ahead, which loads
 * the section files its sources quote. On the latest text: Enter on that text
 * (`answer`) finds its answer made, or on its way. Nothing leaves the
 * browser: the files are the site's own. The engines benchmark drives this too.
 * @param {ReturnType<typeof openIndex>} index
 * @param {{sources: number, pause: Pause}} options
 * @param {Window} win
 */
export function answering(index, options, win) {
  /** @type {?{question: string, result: Promise<import('./rank.js').Answer>}} */
  let ahead = null;
  let typed = '';
  let thinking = false;
  let pausedAt = 0; // the PAUSE_MS timer
  let paused = false; // the reader stopped typing: answer ahead whatever the words
  /** @type {?string} */
  let sent = null; // the question sent last, until the text changes: not answered ahead again
  async function think() {
    if (thinking) return;
    thinking = true;
    try {
      for (;;) {
        const text = typed;
        const question = text.trim();
        const force = paused;
        paused = false;
        if (question && question !== sent && (!ahead || ahead.question !== question)) {
          const whole = force || (await prefetch(index, text).catch(() => false));
          // Not awaited: the next text's files load while this one is answered.
          if (whole && typed === text && question !== sent) ahead = { question, result: answer(index, question, options) };
        }
        if (typed === text && !paused) break;
      }
    } finally {
      thinking = false;
    }
  }
  return {
    /** The box's text changed. @param {string} text */
    typed(text) {
      options.pause.begun();
      typed = text;
      sent = null;
      win.clearTimeout(pausedAt);
      pausedAt = win.setTimeout(() => {
        paused = true;
        think();
      }, PAUSE_MS);
      think();
    },
    /** The answer to a question sent. @param {string} question */
    answer(question) {
      options.pause.begun();
      // Sent: the pause after the last keystroke would answer it again for nothing.
      sent = question;
      if (typed.trim() === question) win.clearTimeout(pausedAt);
      if (ahead && ahead.question === question) {
        const made = ahead.result;
        ahead = null;
        return made.catch(() => answer(index, question, options));
      }
      return answer(index, question, options);
    },
  };
}

/**
 * Starts the part on the Ask box asking.js drew.
 * @param {Handle} handle @param {Window} win
 */
export function start(handle, win) {
  const doc = win.document;
  const store = session(win);
  const { el, words, log } = handle;
  // Every file loaded stays (openIndex): a later question fetches what no earlier one did.
  // `ahead`: files fetched before the part was there (meta.json), taken once; a fresh
  // index after a failure fetches its own.
  const open = () => openAnswers(handle.index, handle.site.answers.version, handle.sources, win, handle.ahead);
  const opened = open();
  let early = opened.early;
  opened.index.meta().catch((err) => console.error(err)); // on focus: ready before the first Enter
  /** @type {Turn[]} */
  let turns = readTurns(store, handle.key);
  // The last answer's question, when it was a refusal not yet handed to a form: the
  // panel's own form opened next gets it too (handsOff).
  /** @type {?{question: string, pages: string[]}} */
  let unanswered = null;

  // Every page an answer of this conversation showed: a form sent from a refusal
  // carries them with the question, so the team sees what the reader tried.
  const pagesShown = () => [
    ...new Set(turns.flatMap((t) => t.sources.map((s) => sourceUrl(s.href, handle.root)))),
  ];

  /** The headings a source is named with after its page's title. */
  const named = (/** @type {Shown} */ s) =>
    s.heading && s.heading !== s.title ? [s.under, s.heading].filter(Boolean) : [];

  function sourceItem(/** @type {Shown} */ s, /** @type {number} */ _i, /** @type {Shown[]} */ all) {
    const href = sourceUrl(s.href, handle.root);
    const link = el('a', { class: 'chatspark-source-link', href });
    link.appendChild(el('span', { class: 'chatspark-source-page', text: s.title }));
    // A heading the page has more than once ("Examples" under each option) is named
    // with the one above it: "Options › environment › Examples".
    let headings = named(s);
    // A section headed with its page's title (Typer's "Progress Bar" page opens with an
    // h2 "Progress Bar") is named by it when the answer also quotes that page's top:
    // two links of one name must not lead to two places.
    if (!headings.length && s.heading && s.href.includes('#')) {
      const twin = all.some((o) => o !== s && o.title === s.title && !named(o).length);
      if (twin) headings = [s.heading];
    }
    for (const text of headings) {
      // The spaces outside the hidden "›": the link's name is "Options environment
      // Examples", not "OptionsenvironmentExamples" (inline spans join without one).
      link.append(' ', el('span', { class: 'chatspark-source-sep', 'aria-hidden': 'true', text: '›' }), ' ');
      link.appendChild(el('span', { class: 'chatspark-source-heading', text }));
    }
    // A plain click goes as a link of the page would: Material's instant navigation
    // swaps the page (the conversation stays); anything else is the browser's.
    link.addEventListener('click', (e) => {
      if (e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      handle.navigate(href);
    });
    const passage = el('p', { class: 'chatspark-passage' }, marked(s.passage, s.marks, doc));
    return el('li', { class: 'chatspark-source' }, [link, passage]);
  }

  function offers(/** @type {string} */ question) {
    const actions = handle.actions();
    if (!actions.length) return [];
    const buttons = actions.map((a) =>
      el('button', {
        type: 'button',
        class: 'chatspark-offer',
        text: a.label,
        onclick: () => handOff(a.id, { question, pages: pagesShown() }),
      }),
    );
    return [
      words('not_found_offer', el('p', { class: 'chatspark-offer-intro' })),
      el('div', { class: 'chatspark-offers' }, buttons),
    ];
  }

  function answerNode(/** @type {Turn} */ turn) {
    if (!turn.found) {
      return el('div', { class: 'chatspark-answer chatspark-answer--none' }, [
        words('not_found', el('p')),
        ...offers(turn.question),
      ]);
    }
    return el('div', { class: 'chatspark-answer' }, [
      words('found', el('p')),
      el('ol', { class: 'chatspark-sources' }, turn.sources.map(sourceItem)),
    ]);
  }

  function turnNode(/** @type {string} */ question) {
    return el('div', { class: 'chatspark-turn' }, [
      el('p', { class: 'chatspark-asked', text: question }),
    ]);
  }

  function showClear() {
    handle.clear.hidden = !turns.length;
  }

  // Answers are shown, kept and counted in the order asked: one answered ahead may
  // be ready before the question sent just before it.
  let previous = Promise.resolve();
  async function ask(/** @type {string} */ question) {
    const node = turnNode(question);
    const waiting = words('asking', el('p', { class: 'chatspark-waiting' }));
    node.appendChild(waiting);
    log.appendChild(node);
    const made = early.answer(question);
    const before = previous;
    /** @type {() => void} */
    let done = () => undefined;
    previous = new Promise((resolve) => (done = resolve));
    /** @type {?Turn} */
    let turn = null;
    try {
      const result = await made;
      turn = {
        question,
        found: result.found,
        sources: result.sources.map((s) => ({
          title: s.title,
          heading: s.heading,
          ...(s.under ? { under: s.under } : {}),
          href: s.href,
          passage: s.passage,
          marks: s.marks,
        })),
      };
    } catch (err) {
      // The pages could not be read (offline, a file refused): that is no answer, not
      // a refusal, so nothing is kept, counted or offered as one. The index keeps a
      // file's failed load, so the next question opens it afresh.
      console.error(err);
      early = open().early;
    }
    await before;
    done();
    waiting.remove();
    if (!turn) {
      const failed = node.appendChild(
        el('div', { class: 'chatspark-answer chatspark-answer--failed' }, [words('ask_failed', el('p'))]),
      );
      if (failed.scrollIntoView) failed.scrollIntoView({ block: 'nearest' });
      unanswered = null;
      return;
    }
    const shown = node.appendChild(answerNode(turn));
    turns.push(turn);
    showClear(); // before the scroll: its line moves the box down
    // The panel scrolls; the page under it does not (the panel is fixed). The Ask box
    // stays in sight (sticky, widget.css); the answer shows from its top if it must.
    if (shown.scrollIntoView) shown.scrollIntoView({ block: 'nearest' });
    writeTurns(store, handle.key, turns);
    unanswered = turn.found ? null : { question, pages: pagesShown() };
    handle.track(turn.found);
  }

  handle.input.addEventListener('input', () => early.typed(handle.input.value));

  /** The panel list's item of action `id`. @param {string} id */
  const itemOf = (id) => [...handle.items().children].find((c) => c.getAttribute('data-chatspark-item') === id);

  /**
   * A refusal's offer, chosen: the action runs as from the panel's list. A form opens
   * with the question in its message field (the field marked `question: true`, else
   * its first textarea), and its submission carries the question and the pages shown.
   * @param {string} id @param {{question: string, pages: string[]}} asked
   */
  function handOff(id, asked) {
    const item = itemOf(id);
    if (!item) return;
    const opener = /** @type {HTMLElement} */ (item.querySelector('.chatspark-button'));
    const form = item.querySelector('form');
    if (!form && !handle.actions().some((a) => a.id === id && a.type === 'form')) {
      opener.click(); // a button or a link: as from the list
      return;
    }
    handle.handed[id] = asked;
    handle.keep();
    unanswered = null;
    if (!form || form.hidden) opener.click();
    fillQuestion(item, asked);
  }

  /**
   * The form's question field gets the question, once the form part has drawn it.
   * @param {Element} item @param {{question: string}} asked
   */
  function fillQuestion(item, asked) {
    let tries = 0;
    const fill = () => {
      const drawn = item.querySelector('form');
      if (!drawn || drawn.hidden) {
        if (++tries < 300) win.requestAnimationFrame(fill); // the part is on its way
        return;
      }
      const field = /** @type {?HTMLInputElement} */ (
        drawn.querySelector('[data-chatspark-question]') || drawn.querySelector('textarea')
      );
      if (field && !field.value.trim()) {
        field.value = asked.question;
        field.dispatchEvent(new win.Event('input', { bubbles: true })); // kept as a draft
      }
    };
    fill();
  }

  const part = {
    // The question waiting in the box (sent before this part was there, or now).
    take() {
      const question = handle.pending;
      handle.pending = null;
      if (!question) return;
      if (handle.input.value.trim() === question) handle.input.value = '';
      ask(question);
    },
    /**
     * A form of the panel's own list, pressed to open. Right after a refusal it opens
     * as from the refusal's offer, with the question: a keyboard reader who Tabs on
     * from the Ask box meets the panel's own actions first (the offers are above the
     * box), and the form opened empty, so the team got a message without the question.
     * @param {string} id
     */
    handsOff(id) {
      if (!unanswered || handle.handed[id]) return;
      const item = itemOf(id);
      const form = item && item.querySelector('form');
      if (!item || (form && !form.hidden)) return; // open already: the press closes it
      handle.handed[id] = unanswered;
      handle.keep();
      fillQuestion(item, unanswered);
      unanswered = null;
    },
    clear() {
      turns = [];
      unanswered = null;
      // A form a refusal handed a question to no longer sends it, nor the pages shown,
      // in `page.asked`, which the reader cannot see; its field keeps what it shows.
      for (const id of Object.keys(handle.handed)) delete handle.handed[id];
      handle.keep();
      writeTurns(store, handle.key, turns);
      log.replaceChildren();
      showClear();
      handle.input.focus();
    },
  };
  // This tab's conversation, kept across pages (sessionStorage): drawn again once.
  if (!log.childElementCount) {
    for (const turn of turns) {
      const node = turnNode(turn.question);
      node.appendChild(answerNode(turn));
      log.appendChild(node);
    }
  }
  showClear();
  handle.part = part;
  part.take();
  return part;
}
