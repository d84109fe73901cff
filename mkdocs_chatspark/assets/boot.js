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
        listeners.splice(0).forEach(function (l) { hosted.on(l[0], l[1]); });
      },
    },
  });

  w.ChatSpark = ChatSpark;
})(window);
