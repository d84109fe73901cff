/* mkdocs-chatspark widget, part 6 of 6: the handler among the author's
 * `action-triggered` listeners, calls to action in the page, and the start, again
 * after each instant page swap. */

// Goes as a link in the page would: through a real <a> in the light DOM, clicked.
// Material's instant navigation takes a click on a same-site link that is in its
// sitemap as its own (it listens on document.body) and swaps the page without a
// reload; anywhere else (another theme, the feature off, another site) the browser
// follows the link as any other.
// (Removed again in the same task: it is never painted.)
function go(action) {
  var a = d.body.appendChild(d.createElement("a"));
  a.href = href(action);
  // To another page: the panel closes, as a page load would close it (instant
  // navigation keeps it, over the new page on a phone).
  if (ui && a.pathname !== location.pathname) toggle(false, null, true);
  a.click();
  a.remove();
}

// Returns a promise of {ok, retry} when the reader should see an outcome.
function route(payload) {
  var action = payload && own(current, payload.actionId) ? current[payload.actionId] : null;
  if (!action || action.type === "link") return undefined; // links are real <a> elements
  var delay = action.type === "form" ? FORM_NAV_DELAY : 0;
  function then(res) {
    var retry = res.retry;
    if (retry) res.retry = function () { return retry().then(then); }; // goes on after a retry too
    // Under preview the request stays on screen: nothing was sent, so nothing follows.
    if (res.ok && !res.preview && action.url) setTimeout(function () { go(action); }, delay);
    return res;
  }
  var data = payload.data || {};
  if (action.webhook) return deliver(request(action, data, pageContext())).then(then);
  if (action.netlify) return deliver(netlifyRequest(action, data)).then(then);
  if (action.mailto) {
    // No backend: the reader's mail program, with the form written out.
    var mail = mailto(action, data);
    location.assign(mail);
    return Promise.resolve({ ok: true, mailto: mail });
  }
  if (action.type === "form") return Promise.resolve({ ok: true }).then(then);
  if (action.url) go(action);
  return undefined; // a plain button: only the author's own listeners act on it
}

// Every `action-triggered` listener, the author's and ours, in the order added.
// Each gets its own copy of the payload, so one that changes or throws cannot
// spoil it for the others. The outcome is what our own handler (route) returned.
function trigger(action, data) {
  var payload = { actionId: action.id, actionType: action.type, data: data };
  var outcome;
  core.listeners
    .filter(function (l) { return l[0] === "action-triggered"; })
    .forEach(function (l) {
      try {
        var result = l[1](JSON.parse(JSON.stringify(payload)));
        if (l[1] === route) outcome = result;
      } catch (err) {
        console.error("ChatSpark: an 'action-triggered' listener failed:", err);
      }
    });
  return outcome;
}

// --- calls to action in the page: `[Book a demo](chatspark:book_demo)` ----------

var hosted = null; // the hosted ChatSpark, once its script has loaded
var hostedInstance = null; // what it returned for this page's config
var whenStyled = []; // what waits for the panel's stylesheet

function afterStyled(fn) {
  if (ui && ui.styled) fn();
  else whenStyled.push(fn);
}

function runCallToAction(cta) {
  var id = cta.getAttribute(CTA_ATTRIBUTE);
  if (!useHosted) {
    startBundled();
    afterStyled(function () { if (!ui.host.hidden) openInPanel(id, cta); });
    return;
  }
  // Hosted mode: the action runs here, through the same handler.
  var action = own(current, id) ? current[id] : null;
  if (!action) return;
  if (action.type === "button") {
    trigger(action, action.data || {});
  } else if (action.type === "link") {
    trigger(action, {});
    w.open(href(action), "_blank", "noopener");
  } else if (hostedInstance && typeof hostedInstance.open === "function") {
    hostedInstance.open(); // the hosted chat shows the form among its actions
  } else {
    // The hosted chat cannot be opened from here: our own panel, with that form.
    if (!ui) build(true);
    words("greeting", ui.greeting);
    render([action]);
    show(true);
    afterStyled(function () { openInPanel(id, cta); });
  }
}

// A press the bootstrap passes on (it handles every click on its launcher and on
// the calls to action, and kept the one made before this script was there).
// Hosted: the first press brings the hosted script (load: interaction), then runs.
function pressed(kind, id, node) {
  if (useHosted) {
    afterHosted(function () {
      if (kind !== "open") runCallToAction(node);
      else if (hostedInstance && typeof hostedInstance.open === "function") hostedInstance.open();
    });
    startHosted();
  } else if (kind === "open") {
    startBundled();
    afterStyled(function () { if (!ui.host.hidden) toggle(true, ui.launcher); });
  } else {
    runCallToAction(node);
  }
}

// --- start, and again after each of Material's instant page swaps -------------

var shownData = null; // the page data the panel shows now

function refreshBundled() {
  var page = readPage();
  // A swap while the panel is open: it stays, with focus, if the reader was in it;
  // otherwise (a link in the page) it closes and leaves the page to the reader.
  var inside = ui && !ui.panel.hidden && focused();
  if (ui && !ui.panel.hidden && !inside) toggle(false, null, true);
  if (!page) { // this page opted out
    current = Object.create(null);
    shownData = null;
    if (ui) show(false);
    return;
  }
  // The same actions on the next page: the panel stays as the reader left it.
  var data = JSON.stringify(page);
  if (data === shownData) return show(true);
  shownData = data;
  CS(config(page));
  if (inside) {
    var first = items().querySelector("button, a, input, select, textarea");
    (first || ui.panel.querySelector(".chatspark-close")).focus();
  }
}

function refreshHosted() {
  var page = readPage();
  current = Object.create(null);
  hostedInstance = null;
  if (ui) show(false);
  if (!page) return;
  var cfg = config(page);
  cfg.data.actions.forEach(function (a) { current[a.id] = a; });
  if (hosted) {
    // The hosted script shows links itself: whole addresses, none of our keys.
    var given = cfg.data.actions.map(function (a) {
      var out = Object.assign({}, a, a.url ? { url: href(a) } : null);
      delete out.siteRelative;
      return out;
    });
    hostedInstance = hosted({ chatbotId: cfg.chatbotId, data: { actions: given } }) || null;
  }
}

// The hosted script, once. It replaces window.ChatSpark, gets every listener and
// this page's config (again on each instant page swap), and draws its own
// launcher: the bootstrap's goes.
var hostedState = 0; // 0 not requested, 1 loading, 2 loaded
var whenHosted = []; // what waits for it

function afterHosted(fn) {
  if (hostedState === 2) fn();
  else whenHosted.push(fn);
}

function startHosted() {
  if (hostedState) return;
  hostedState = 1;
  var s = d.createElement("script");
  s.src = site.script;
  s.async = true;
  s.crossOrigin = "anonymous";
  if (site.integrity) s.integrity = site.integrity;
  s.onload = function () {
    var api = w.ChatSpark;
    if (api === CS || typeof api !== "function" || typeof api.on !== "function") {
      console.error("ChatSpark: " + site.script + " did not provide window.ChatSpark");
      return;
    }
    hosted = api;
    hostedState = 2;
    core.handover(api); // every listener, ours (route) included, moves to it
    refreshHosted();
    core.unfacade(null);
    whenHosted.splice(0).forEach(function (fn) { fn(); });
  };
  s.onerror = function () { console.error("ChatSpark: could not load " + site.script); };
  d.head.appendChild(s);
}

function run(refresh) {
  // Material for MkDocs announces each page, the first included, on document$.
  var doc$ = w.document$;
  function each() {
    if (d.querySelector("[" + CTA_ATTRIBUTE + "]")) pageStyles();
    refresh();
  }
  if (doc$ && typeof doc$.subscribe === "function") doc$.subscribe(each);
  else each();
}

var started = false;

function startBundled() {
  if (started) return;
  started = true;
  core.start(create).forEach(create);
  run(refreshBundled);
}

// Whatever an earlier page could not send goes out again now, and whenever the
// browser comes back online.
w.addEventListener("online", function () { flushDelay = 2000; flush(); });
setTimeout(flush, 0);

// The listeners are there at once; the interface (and its stylesheet, and a
// hosted script) only after the page's load event, which they would delay, or at
// the first press, whichever comes first. When the bootstrap fetched this file
// (load: idle or interaction), the load event is long past.
function afterLoad(fn) {
  if (d.readyState === "complete") fn();
  else w.addEventListener("load", function () { fn(); }, { once: true });
}

CS.on("action-triggered", route);
if (useHosted) {
  run(refreshHosted);
  // A facade by default: the hosted script waits for the reader's press.
  if (site.load !== "interaction") afterLoad(startHosted);
} else {
  if (d.querySelector("[" + CTA_ATTRIBUTE + "]")) pageStyles();
  // Building the interface is a task of its own, in the browser's idle time, not
  // the one that ran this file; a press starts it at once.
  afterLoad(function () {
    if (w.requestIdleCallback) w.requestIdleCallback(startBundled, { timeout: 2000 });
    else setTimeout(startBundled, 1);
  });
}
// Presses from now on, and the one the bootstrap kept, if any.
core.ready(pressed);
