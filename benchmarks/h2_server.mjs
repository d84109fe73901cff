// A static server over HTTP/2 (TLS), as GitHub Pages and most hosts serve a site:
// bench_lighthouse.py --http2. Node's own http2 module; nothing to install.
//
//   node h2_server.mjs ROOT CERT KEY   -> prints the port it listens on (127.0.0.1)
//
// Like bench_browser._PagesHandler: text gzipped (cached per path), `Cache-Control:
// max-age=600`, a folder's index.html. Over HTTP/2 every request of the page shares one
// connection, which Lighthouse's simulation (Lantern) models as one connection too;
// over HTTP/1.1 it gives each parallel request a connection of its own, with its own
// handshake, sharing the simulated bandwidth.
import { createSecureServer } from "node:http2";
import { readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const [root, cert, key] = process.argv.slice(2);
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".txt": "text/plain",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};
const gzipped = new Map();

const server = createSecureServer({ cert: readFileSync(cert), key: readFileSync(key) });
server.on("stream", (stream, headers) => {
  let path = join(root, normalize(decodeURIComponent(headers[":path"].split("?")[0])));
  try {
    if (statSync(path).isDirectory()) path = join(path, "index.html");
    const type = TYPES[extname(path)] || "application/octet-stream";
    const text = type !== "image/png" && type !== "image/x-icon" && type !== "font/woff2";
    const gzip = text && /gzip/.test(headers["accept-encoding"] || "");
    let body = gzip ? gzipped.get(path) : readFileSync(path);
    if (gzip && !body) gzipped.set(path, (body = gzipSync(readFileSync(path), { level: 6 })));
    stream.respond({
      ":status": 200,
      "content-type": type,
      "cache-control": "max-age=600",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    stream.end(body);
  } catch {
    stream.respond({ ":status": 404 });
    stream.end();
  }
});
server.on("error", (e) => {
  console.error(e);
  process.exit(1);
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
