"""chart.py - bench/run's PNG: a heat map of ratios (kernels x variants),
drawn with a built-in 5x7 pixel font and written with zlib, so that no
plotting library is needed."""
import math
import struct
import zlib

# 5x7 glyphs: seven rows, each a 5-bit number (0x10 is the left column), as
# hex pairs.  Upper case is drawn as lower case.
FONT = {
    '0': '0e 11 13 15 19 11 0e', '1': '04 0c 04 04 04 04 0e', '2': '0e 11 01 02 04 08 1f',
    '3': '1f 02 04 02 01 11 0e', '4': '02 06 0a 12 1f 02 02', '5': '1f 10 1e 01 01 11 0e',
    '6': '06 08 10 1e 11 11 0e', '7': '1f 01 02 04 08 08 08', '8': '0e 11 11 0e 11 11 0e',
    '9': '0e 11 11 0f 01 02 0c', 'a': '00 00 0e 01 0f 11 0f', 'b': '10 10 16 19 11 11 1e',
    'c': '00 00 0e 10 10 11 0e', 'd': '01 01 0d 13 11 11 0f', 'e': '00 00 0e 11 1f 10 0e',
    'f': '06 09 08 1c 08 08 08', 'g': '00 00 0f 11 0f 01 0e', 'h': '10 10 16 19 11 11 11',
    'i': '04 00 0c 04 04 04 0e', 'j': '02 00 06 02 02 12 0c', 'k': '10 10 12 14 18 14 12',
    'l': '0c 04 04 04 04 04 0e', 'm': '00 00 1a 15 15 11 11', 'n': '00 00 16 19 11 11 11',
    'o': '00 00 0e 11 11 11 0e', 'p': '00 00 1e 11 1e 10 10', 'q': '00 00 0d 13 0f 01 01',
    'r': '00 00 16 19 10 10 10', 's': '00 00 0e 10 0e 01 1e', 't': '08 08 1c 08 08 09 06',
    'u': '00 00 11 11 11 13 0d', 'v': '00 00 11 11 11 0a 04', 'w': '00 00 11 11 15 15 0a',
    'x': '00 00 11 0a 04 0a 11', 'y': '00 00 11 11 0f 01 0e', 'z': '00 00 1f 02 04 08 1f',
    ' ': '00 00 00 00 00 00 00', '.': '00 00 00 00 00 0c 0c', '-': '00 00 00 1f 00 00 00',
    '_': '00 00 00 00 00 00 1f', '/': '00 01 02 04 08 10 00', ':': '00 0c 0c 00 0c 0c 00',
    '(': '02 04 08 08 08 04 02', ')': '08 04 02 02 02 04 08', ',': '00 00 00 00 0c 04 08',
    '=': '00 00 1f 00 1f 00 00', '<': '02 04 08 10 08 04 02', '>': '08 04 02 01 02 04 08',
    '?': '0e 11 01 02 04 00 04', '*': '00 15 0e 1f 0e 15 00',
}
FONT = {c: [int(b, 16) for b in g.split()] for c, g in FONT.items()}

PX = 2                    # screen pixels per font pixel
CHAR_W, LINE_H = 6 * PX, 9 * PX
CELL_W, CELL_H = 80, 24
# colour stops over log2(ratio): 0.5x blue, 1x green, 2x yellow, 4x red, 8x dark red
STOPS = [(-1, (70, 140, 200)), (0, (100, 190, 100)), (1, (240, 210, 80)),
         (2, (225, 95, 60)), (3, (140, 30, 30))]


class Image:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.px = bytearray(b'\xff' * (w * h * 3))

    def rect(self, x, y, w, h, rgb):
        row = bytes(rgb) * w
        for yy in range(max(y, 0), min(y + h, self.h)):
            i = (yy * self.w + x) * 3
            self.px[i:i + len(row)] = row

    def text(self, x, y, s, rgb=(0, 0, 0)):
        for c in s.lower():
            for r, bits in enumerate(FONT.get(c, FONT['?'])):
                for col in range(5):
                    if bits & (0x10 >> col):
                        self.rect(x + col * PX, y + r * PX, PX, PX, rgb)
            x += CHAR_W

    def centred(self, x, y, w, s, rgb=(0, 0, 0)):
        self.text(x + (w - len(s) * CHAR_W + PX) // 2, y, s, rgb)

    def png(self):
        def chunk(kind, data):
            return (struct.pack('>I', len(data)) + kind + data +
                    struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
        raw = b''.join(b'\0' + bytes(self.px[y * self.w * 3:(y + 1) * self.w * 3])
                       for y in range(self.h))
        return (b'\x89PNG\r\n\x1a\n' +
                chunk(b'IHDR', struct.pack('>IIBBBBB', self.w, self.h, 8, 2, 0, 0, 0)) +
                chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def colour(ratio):
    t = min(max(math.log2(ratio), STOPS[0][0]), STOPS[-1][0])
    for (t0, c0), (t1, c1) in zip(STOPS, STOPS[1:]):
        if t <= t1:
            f = (t - t0) / (t1 - t0)
            return tuple(round(a + (b - a) * f) for a, b in zip(c0, c1))
    return STOPS[-1][1]


def label(ratio):
    return '%.2f' % ratio if ratio < 10 else '%.1f' % ratio if ratio < 100 else '%.0f' % ratio


def write_png(path, kernels, variants, ratios, summaries, problems, title):
    """ratios[kernel][variant]; summaries: [(label, {variant: ratio})], rows
    drawn below the kernels; problems[kernel][variant] = (kind, reason)."""
    labels = [label for label, _ in summaries]
    left = max(len(k) for k in kernels + labels) * CHAR_W + 20
    head = max(len(v.split('-')) for v in variants) * LINE_H
    top = 2 * LINE_H + 10 + head
    rows = kernels + labels
    img = Image(left + CELL_W * len(variants) + 10, top + CELL_H * (len(rows) + 1) + 2 * LINE_H)
    img.text(10, 8, title)
    for j, v in enumerate(variants):
        for i, part in enumerate(v.split('-')):
            img.centred(left + j * CELL_W, 2 * LINE_H + 8 + i * LINE_H, CELL_W, part)
    for i, k in enumerate(rows):
        summary = dict(summaries).get(k) if i >= len(kernels) else None
        y = top + i * CELL_H + (CELL_H // 3 if summary else 0)
        img.text(10, y + (CELL_H - 7 * PX) // 2, k)
        for j, v in enumerate(variants):
            r = summary.get(v) if summary else ratios.get(k, {}).get(v)
            if r:
                bg, s = colour(r), label(r)
            else:
                kind = '-' if summary else problems.get(k, {}).get(v, ('-',))[0]
                bg, s = ((150, 0, 0), 'wrong') if kind == 'wrong' else ((215, 215, 215), kind)
                s = {'build failed': 'error'}.get(s, s)
            fg = (255, 255, 255) if sum(bg) < 400 else (0, 0, 0)
            img.rect(left + j * CELL_W + 1, y + 1, CELL_W - 2, CELL_H - 2, bg)
            img.centred(left + j * CELL_W, y + (CELL_H - 7 * PX) // 2, CELL_W, s, fg)
    y = top + CELL_H * (len(rows) + 1) - CELL_H // 3 + 8
    x = 10
    for r in (0.5, 1, 1.5, 2, 3, 4, 8):
        img.rect(x, y, 30, LINE_H, colour(r))
        x += 34
        img.text(x, y + 2, label(r).rstrip('0').rstrip('.') + 'x')
        x += 6 * CHAR_W
    with open(path, 'wb') as f:
        f.write(img.png())
