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

function trigger(action, data) {
  var outcome;
  core
    .emit("action-triggered", { actionId: action.id, actionType: action.type, data: data })
    .forEach(function (r) { if (r[0] === route) outcome = r[1]; });
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

function startHosted(done) {
  var s = d.createElement("script");
  s.src = site.script;
  s.async = true;
  s.crossOrigin = "anonymous";
  if (site.integrity) s.integrity = site.integrity;
  s.onload = function () {
    var hosted = w.ChatSpark;
    if (hosted === CS || typeof hosted !== "function" || typeof hosted.on !== "function") {
      console.error("ChatSpark: " + site.script + " did not provide window.ChatSpark");
      return;
    }
    core.handover(hosted);
    hosted.on("action-triggered", route);
    done(function () {
      var page = readPage();
      current = {};
      if (!page) return;
      var cfg = config(page);
      cfg.data.actions.forEach(function (a) { current[a.id] = a; });
      hosted(cfg);
    });
  };
  s.onerror = function () { console.error("ChatSpark: could not load " + site.script); };
  d.head.appendChild(s);
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
// hosted script) only after the page's load event, which they would delay.
function afterLoad(fn) {
  if (d.readyState === "complete") fn();
  else w.addEventListener("load", function () { fn(); }, { once: true });
}

if (site.script) {
  afterLoad(function () { startHosted(run); });
} else {
  CS.on("action-triggered", route);
  d.addEventListener("click", runCallToAction);
  afterLoad(function () {
    core.start(create).forEach(create);
    run(refreshBundled);
  });
}
