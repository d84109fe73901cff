/* mkdocs-chatspark widget, part 4 of 4: the handler among the author's
 * `action-triggered` listeners, and the start, again after each instant page swap. */

function go(action) {
  location.assign(href(action));
}

// Returns a promise of {ok, retry} when the reader should see an outcome.
function route(payload) {
  var action = payload && current[payload.actionId];
  if (!action || action.type === "link") return undefined; // links are real <a> elements
  var delay = action.type === "form" ? FORM_NAV_DELAY : 0;
  function then(res) {
    var retry = res.retry;
    if (retry) res.retry = function () { return retry().then(then); }; // goes on after a retry too
    // Under preview the request stays on screen: nothing was sent, so nothing follows.
    if (res.ok && !res.preview && action.url) setTimeout(function () { go(action); }, delay);
    return res;
  }
  if (action.webhook) return deliver(request(action, payload.data || {}, { url: location.href, title: d.title })).then(then);
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

// --- start, and again after each of Material's instant page swaps -------------

var shownData = null; // the page data the panel shows now

function refreshBundled() {
  var page = readPage();
  if (!page) { // this page opted out
    current = {};
    shownData = null;
    if (ui) show(false);
    return;
  }
  // The same actions on the next page: the panel stays as the reader left it.
  var data = JSON.stringify(page);
  if (data === shownData) return show(true);
  shownData = data;
  CS(config(page));
}

// The hosted script, once: it replaces window.ChatSpark, gets every listener and
// this page's config (again on each instant page swap), then draws its own
// launcher, so the bootstrap's goes. `open`: the reader pressed for it: open it.
var hostedState = null; // null, "loading", or the hosted instance's holder {instance}

function startHosted(open) {
  if (hostedState === "loading") return;
  if (hostedState) {
    if (open) openHosted();
    return;
  }
  hostedState = "loading";
  var s = d.createElement("script");
  s.src = site.script;
  s.async = true;
  s.crossOrigin = "anonymous";
  if (site.integrity) s.integrity = site.integrity;
  s.onload = function () {
    var api = w.ChatSpark;
    if (api === CS || typeof api !== "function" || typeof api.on !== "function") {
      console.error("ChatSpark: " + site.script + " did not provide window.ChatSpark");
      hostedState = null;
      return;
    }
    core.handover(api);
    api.on("action-triggered", route);
    hostedState = { api: api, instance: null };
    run(function () {
      var page = readPage();
      current = {};
      if (!page) return;
      var cfg = config(page);
      cfg.data.actions.forEach(function (a) { current[a.id] = a; });
      hostedState.instance = api(cfg);
    });
    core.unfacade(null);
    core.ready(function () { openHosted(); });
    if (open) openHosted();
  };
  s.onerror = function () {
    hostedState = null;
    console.error("ChatSpark: could not load " + site.script);
  };
  d.head.appendChild(s);
}

function openHosted() {
  var instance = hostedState && hostedState.instance;
  if (instance && typeof instance.open === "function") instance.open();
}

function run(refresh) {
  // Material for MkDocs announces each page, the first included, on document$.
  var doc$ = w.document$;
  if (doc$ && typeof doc$.subscribe === "function") doc$.subscribe(function () { refresh(); });
  else refresh();
}

// Whatever an earlier page could not send goes out again now, and whenever the
// browser comes back online.
w.addEventListener("online", function () { flushDelay = 2000; flush(); });
setTimeout(flush, 0);

// The listeners are there at once; the interface (and its stylesheet, and a
// hosted script) only after the page's load event, which they would delay. When
// the bootstrap fetched this file (load: interaction or idle), that is long past.
function afterLoad(fn) {
  if (d.readyState === "complete") fn();
  else w.addEventListener("load", function () { fn(); }, { once: true });
}

if (hosted) {
  // A facade: the hosted script comes when the reader presses the launcher or a
  // call to action, not before (load: interaction); or now (idle, eager).
  if (site.load === "interaction") core.ready(function () { startHosted(true); });
  else afterLoad(function () { startHosted(false); });
} else {
  CS.on("action-triggered", route);
  afterLoad(function () {
    core.start(create).forEach(create);
    run(refreshBundled);
  });
}
