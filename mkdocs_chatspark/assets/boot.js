/* mkdocs-chatspark bootstrap: all a page runs before the reader reaches for the chat.
 *
 * - `window.ChatSpark` and its `on`/`off`, for every script of the page, the
 *   author's own included: the build places this file just before the site's
 *   first `extra_javascript` script, or deferred in <head> when there is none,
 *   so it never holds up the first paint.
 * - The launcher, drawn here (boot.css) until the widget draws its own.
 * - Presses on the launcher and on the calls to action in the prose: one made
 *   before the widget is ready is kept, and runs once when it is.
 * - The rest (the site's data, widget.js, which loads widget.css, and a hosted
 *   script) is fetched when the `load` option says: on intent (pointer over, focus
 *   or touch on the launcher or a call to action), when the browser is idle after
 *   the load event, or, with `eager`, by the page itself.
 *
 * Its tag's attributes: data-site (the site's data file, beside this one),
 * data-load (interaction or idle), data-label and data-position (the launcher's).
 * Without them (`load: eager`, or the Markdown extension) it defines the API only. */
(function (w, d) {
  "use strict";
  if (typeof w.ChatSpark === "function") return; // loaded twice, or a hosted API came first

  var me = d.currentScript;
  var opts = (me && me.dataset) || {};
  var TRIGGERS = "[data-chatspark-action], .chatspark-facade";

  var listeners = []; // [event, fn] in the order they were added
  var configs = []; // ChatSpark(config) calls made before the widget was ready
  var impl = null; // the widget's `create(config)`, once it has started
  var target = null; // a hosted ChatSpark that replaced this one
  var press = null; // the widget's handler of presses, once it is ready
  var waiting = null; // the last press made before that: [kind, action id]
  var facade = null; // the launcher drawn here

  function ChatSpark(config) {
    if (target) return target(config);
    if (impl) return impl(config);
    configs.push(config);
    return { on: ChatSpark.on, off: ChatSpark.off };
  }

  function indexOf(event, fn) {
    for (var i = 0; i < listeners.length; i++) {
      if (listeners[i][0] === event && listeners[i][1] === fn) return i;
    }
    return -1;
  }

  ChatSpark.on = function (event, fn) {
    if (target) {
      target.on(event, fn);
    } else if (typeof fn === "function" && indexOf(event, fn) < 0) {
      listeners.push([event, fn]);
    }
    return ChatSpark;
  };

  ChatSpark.off = function (event, fn) {
    if (target) {
      target.off(event, fn);
      return ChatSpark;
    }
    var i = indexOf(event, fn);
    if (i >= 0) listeners.splice(i, 1);
    return ChatSpark;
  };

  // --- loading the rest ----------------------------------------------------------

  var requested = false;

  // The site's data, then the widget, in that order; the widget loads its stylesheet.
  function load() {
    if (requested || !opts.site || !me) return;
    requested = true;
    [opts.site, "widget.js"].forEach(function (name) {
      var s = d.createElement("script");
      s.src = new URL(name, me.src).href;
      s.async = false; // run in the order inserted
      d.head.appendChild(s);
    });
  }

  function trigger(node) {
    return node && node.closest ? node.closest(TRIGGERS) : null;
  }

  // Intent: the reader is about to press something of ours.
  function intent(e) {
    if (trigger(e.target)) load();
  }
  ["pointerover", "focusin", "touchstart"].forEach(function (type) {
    d.addEventListener(type, intent, { capture: true, passive: true });
  });

  // A press on the launcher or a call to action. Before the widget is ready it is
  // kept (the last one only: a double press runs once), and runs when it is.
  d.addEventListener("click", function (e) {
    var node = trigger(e.target);
    if (!node) return;
    var id = node.getAttribute("data-chatspark-action");
    var kind = id ? "action" : "open";
    if (press) {
      if (press(kind, id) !== false) e.preventDefault();
      return;
    }
    e.preventDefault();
    waiting = [kind, id];
    load();
  });

  if (opts.load === "idle") {
    var idle = function () {
      if (w.requestIdleCallback) w.requestIdleCallback(load, { timeout: 5000 });
      else setTimeout(load, 1);
    };
    if (d.readyState === "complete") idle();
    else w.addEventListener("load", idle, { once: true });
  }

  // --- the launcher, until the widget draws its own --------------------------------

  var styled = false; // boot.css is in
  var gone = false; // the widget's own launcher took over

  function showFacade() {
    // render.ISLAND_ID: this page has the chat (one that opts out has no island)
    if (facade) facade.hidden = gone || !(styled && d.getElementById("chatspark-page"));
  }

  // boot.css, beside this file: the launcher's style and the calls to action's. In
  // <body>, where Material's instant navigation keeps it, even where <head> has it.
  function style(parent) {
    var link = d.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("boot.css", me.src).href;
    link.onload = function () { styled = true; showFacade(); };
    parent.appendChild(link);
  }

  function drawLauncher() {
    facade = d.createElement("div");
    facade.className = "chatspark-facade chatspark-facade--" + (opts.position === "left" ? "left" : "right");
    facade.hidden = true;
    // Static markup, no author text (the label is an attribute): the widget's icon.
    facade.innerHTML = '<button type="button" aria-expanded="false"><svg viewBox="0 0 24 24" ' +
      'aria-hidden="true" focusable="false"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 ' +
      '2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg></button>';
    facade.firstChild.setAttribute("aria-label", opts.label || "");
    style(facade);
    d.body.appendChild(facade);
    showFacade();
  }

  function start() {
    if (!me) return;
    // Without a launcher to draw (eager, or the Markdown extension) the calls to
    // action still need their style: the widget's stylesheet does not have it.
    if (opts.site && opts.load) drawLauncher();
    else style(d.body);
    // Material's instant navigation: a page that opts out shows no launcher.
    var doc$ = w.document$;
    if (doc$ && typeof doc$.subscribe === "function") doc$.subscribe(showFacade);
  }

  if (d.body) start();
  else d.addEventListener("DOMContentLoaded", start, { once: true });

  // The widget's handle. Not part of the public API.
  Object.defineProperty(ChatSpark, "__chatspark", {
    value: {
      // The listeners, for the widget to call: [event, fn] in the order added.
      listeners: listeners,
      // The bundled widget starts: it creates instances from now on.
      start: function (create) {
        impl = create;
        return configs.splice(0);
      },
      // A hosted ChatSpark replaced this one: it gets every listener, once.
      handover: function (hosted) {
        target = hosted;
        listeners.splice(0).forEach(function (l) { hosted.on(l[0], l[1]); });
      },
      // The widget is ready for presses: `handler(kind, actionId)`, kind "open" or
      // "action". The press kept while it loaded runs now, once.
      ready: function (handler) {
        press = handler;
        var kept = waiting;
        waiting = null;
        if (kept) handler(kept[0], kept[1]);
      },
      // The widget's own launcher is on screen: this one goes (its stylesheet stays,
      // for the calls to action). Focus follows.
      unfacade: function (next) {
        if (!facade || gone) return;
        var focused = facade.contains(d.activeElement);
        gone = true;
        facade.hidden = true;
        facade.firstChild.remove();
        if (focused && next) next.focus();
      },
    },
  });

  w.ChatSpark = ChatSpark;
})(window, document);
