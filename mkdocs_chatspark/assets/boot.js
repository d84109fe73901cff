/* mkdocs-chatspark bootstrap. Loaded first in <body>, so that `window.ChatSpark`
 * and its `on`/`off` exist for every script of the page, the author's own
 * included. The widget (widget.js, deferred) takes over from here. */
(function (w) {
  "use strict";
  if (typeof w.ChatSpark === "function") return; // loaded twice, or a hosted API came first

  var listeners = []; // [event, fn] in the order they were added
  var configs = []; // ChatSpark(config) calls made before the widget was ready
  var impl = null; // the widget's `create(config)`, once it has started
  var target = null; // a hosted ChatSpark that replaced this one

  // A call to action pressed before the widget is there (it waits for the page's
  // scripts, or a slow page's load event): the last one is kept, and the widget
  // runs it when it starts. The name is the one extension.CTA_ATTRIBUTE writes.
  var CTA_ATTRIBUTE = "data-chatspark-action";
  var early = null;
  var claimed = false;
  document.addEventListener("click", function (e) {
    var cta = !claimed && e.target && e.target.closest && e.target.closest("[" + CTA_ATTRIBUTE + "]");
    if (!cta) return;
    e.preventDefault();
    early = cta;
  });

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

  // After a handover, listeners go to the hosted ChatSpark and stay listed here
  // too: a call to action in the page, which the hosted chat knows nothing of,
  // still reaches them.
  ChatSpark.on = function (event, fn) {
    if (typeof fn !== "function" || indexOf(event, fn) >= 0) return ChatSpark;
    listeners.push([event, fn]);
    if (target) target.on(event, fn);
    return ChatSpark;
  };

  ChatSpark.off = function (event, fn) {
    if (target) target.off(event, fn);
    var i = indexOf(event, fn);
    if (i >= 0) listeners.splice(i, 1);
    return ChatSpark;
  };

  // The widget's handle. Not part of the public API.
  Object.defineProperty(ChatSpark, "__chatspark", {
    value: {
      // Each listener gets its own copy of the payload, so one that changes or
      // throws cannot spoil it for the others. Returns what each one returned.
      emit: function (event, payload) {
        var results = [];
        listeners
          .filter(function (l) { return l[0] === event; })
          .forEach(function (l) {
            try {
              results.push([l[1], l[1](JSON.parse(JSON.stringify(payload)))]);
            } catch (err) {
              console.error("ChatSpark: an '" + event + "' listener failed:", err);
            }
          });
        return results;
      },
      // The bundled widget starts: it creates instances from now on.
      start: function (create) {
        impl = create;
        return configs.splice(0);
      },
      // A hosted ChatSpark replaced this one: it gets every listener, once.
      handover: function (hosted) {
        target = hosted;
        listeners.forEach(function (l) { hosted.on(l[0], l[1]); });
      },
      // The widget takes over calls to action: the one pressed before, if any.
      claim: function () {
        claimed = true;
        var cta = early;
        early = null;
        return cta;
      },
    },
  });

  w.ChatSpark = ChatSpark;
})(window);
