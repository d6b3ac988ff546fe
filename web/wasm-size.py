#!/usr/bin/env python3
# What the browser build's size is made of: sums the code of cargo's .wasm (before wasm-opt strips the
# names) by the crate in each function's mangled name. Generic code lands in the crate that
# instantiated it, and trait impls (`<T as Trait>`) under `_`.
# Usage: python3 web/wasm-size.py [target/wasm32-unknown-unknown/web-release/miracle-mile.wasm]
import sys, re, collections
data = open(sys.argv[1] if len(sys.argv) > 1 else 'target/wasm32-unknown-unknown/web-release/miracle-mile.wasm', 'rb').read()
def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i
i = 8; imports = 0; bodies = []; names = {}; sections = collections.Counter()
while i < len(data):
    sid = data[i]; i += 1
    size, i = leb(data, i); end = i + size
    if sid == 2:
        n, j = leb(data, i)
        for _ in range(n):
            for _ in range(2):
                l, j = leb(data, j); j += l
            kind = data[j]; j += 1
            if kind == 0: _, j = leb(data, j); imports += 1
            elif kind == 1: j += 1; f, j = leb(data, j); _, j = leb(data, j); j = j if not (f & 1) else leb(data, j)[1]
            elif kind == 2: f, j = leb(data, j); _, j = leb(data, j); j = j if not (f & 1) else leb(data, j)[1]
            elif kind == 3: j += 2
    if sid == 10:
        n, j = leb(data, i)
        for _ in range(n):
            l, j = leb(data, j); bodies.append(l); j += l
    if sid == 0:
        l, j = leb(data, i); name = data[j:j+l].decode('latin1'); j += l
        sections['custom:' + name] += size
        if name == 'name':
            while j < end:
                sub = data[j]; j += 1; sl, j = leb(data, j); se = j + sl
                if sub == 1:
                    n, k = leb(data, j)
                    for _ in range(n):
                        idx, k = leb(data, k); nl, k = leb(data, k); names[idx] = data[k:k+nl].decode('utf8', 'replace'); k += nl
                j = se
    else:
        sections[sid] += size
    i = end
by = collections.Counter()
for k, sz in enumerate(bodies):
    nm = names.get(imports + k, '?')
    m = re.search(r'_ZN(?:\d+_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)', nm)
    crate = m.group(2)[:int(m.group(1))] if m else re.split(r'[:<( ]', nm.lstrip('<'))[0][:30]
    by[crate] += sz
total = sum(bodies)
print('code', total // 1024, 'KiB in', len(bodies), 'functions; sections', {str(k): v // 1024 for k, v in sections.most_common(6)})
for c, s in by.most_common(25): print(f'{s/1024/1024:6.2f} MB  {100*s/total:4.1f}%  {c}')
