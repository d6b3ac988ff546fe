#!/usr/bin/env python3
"""Serves the browser build (dist/) on http://localhost:8000, like `python3 -m http.server`,
but sends a file's precompressed copy (the .br or .gz that web/build.sh writes beside the
.wasm) with its Content-Encoding when the browser accepts it: the game's .wasm travels as a
fraction of its size, and the page compiles it while it arrives (application/wasm).

    python3 web/serve.py [--port 8000] [--dir dist]
"""

import argparse
import functools
import http.server
import os
import sys

# Best first: what each encoding's copy is called.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(header):
    """The encodings an Accept-Encoding header allows (those not given q=0)."""
    allowed = set()
    for part in header.split(","):
        name, *params = part.split(";")
        weights = [v for k, _, v in (p.partition("=") for p in params) if k.strip().lower() == "q"]
        try:
            refused = any(float(w) == 0 for w in weights)
        except ValueError:
            refused = True
        if name.strip() and not refused:
            allowed.add(name.strip().lower())
    return allowed


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".ron": "text/plain; charset=utf-8",
        ".js": "text/javascript",
    }

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isfile(path):
            allowed = accepted_encodings(self.headers.get("Accept-Encoding", ""))
            for encoding, suffix in ENCODINGS:
                if encoding in allowed and os.path.isfile(path + suffix):
                    return self.send_compressed(path, path + suffix, encoding)
        return super().send_head()

    def send_compressed(self, original, compressed, encoding):
        try:
            f = open(compressed, "rb")
        except OSError:
            return super().send_head()
        size = os.fstat(f.fileno()).st_size
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(original))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(size))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return f


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dir", default="dist", help="the built site (default: dist)")
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        sys.exit(f"web/serve.py: no {args.dir}/index.html: build it first with web/build.sh")
    handler = functools.partial(Handler, directory=args.dir)
    with http.server.ThreadingHTTPServer(("", args.port), handler) as server:
        print(f"Serving {args.dir}/ on http://localhost:{args.port}/ (Ctrl+C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
