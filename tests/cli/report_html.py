#!/usr/bin/python3
"""Check an HTML page of `report --format html`.

usage: report_html.py PAGE.html TEXT...
    every cell escaped (each TEXT, e.g. '<script>alert(1)</script>', is
    the text of a <td>), the page self-contained: no script, no
    reference to another file or site.
usage: report_html.py --render PAGE.html
    rendered in headless Chromium ($REPORT_CHROMIUM, default
    /usr/bin/chromium): the screenshot is not blank, the DOM Chromium
    builds holds the table.  Without Chromium the only line printed is
    "skipped: ...", which tests/cli/run.sh counts as a skipped test.
Prints one line per check; exits 1 on the first failure.
"""
import html.parser
import os
import struct
import subprocess
import sys
import tempfile
import zlib


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.cells = []
        self.in_td = False
        self.text = ""
        self.styles = ""
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            value = value or ""
            if name == "src" or name.startswith("on"):
                fail("attribute %s=%r on <%s>" % (name, value, tag))
            if name.endswith("href") and not value.startswith("#"):
                fail("reference %s=%r on <%s>" % (name, value, tag))
        if tag == "td":
            self.in_td, self.text = True, ""
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "td":
            self.cells.append(self.text)
            self.in_td = False
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_td:
            self.text += data
        if self.in_style:
            self.styles += data


def png_pixels(path):
    """Decode an 8-bit RGB or RGBA PNG: (width, height, rows of bytes)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s is no PNG" % path)
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                fail("PNG colour type %d depth %d" % (ctype, depth))
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pr) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def render(page):
    chromium = os.environ.get("REPORT_CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(chromium):
        print("skipped: %s not found, the page was not rendered" % chromium)
        return
    url = "file://" + os.path.abspath(page)
    flags = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--hide-scrollbars"]
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "page.png")
        subprocess.run(flags + ["--screenshot=" + png,
                                "--window-size=1200,900", url],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=120, check=False)
        if not os.path.exists(png):
            fail("chromium wrote no screenshot")
        width, height, bpp, rows = png_pixels(png)
        dark = sum(1 for line in rows for x in range(0, width * bpp, bpp)
                   if line[x] + line[x + 1] + line[x + 2] < 384)
        share = dark / float(width * height)
        if share < 0.002:
            fail("the screenshot is blank (%.4f%% dark pixels)" % (100 * share))
        print("ok: rendered %dx%d, %.2f%% dark pixels" %
              (width, height, 100 * share))
        dom = subprocess.run(flags + ["--dump-dom", url], capture_output=True,
                             timeout=120, check=False).stdout.decode()
        if "<table>" not in dom or "<thead>" not in dom:
            fail("the DOM holds no table")
        if "<script>alert" in dom:
            fail("the DOM holds a script element")
        print("ok: the DOM holds the table")


def main():
    if sys.argv[1] == "--render":
        render(sys.argv[2])
        return
    page, texts = sys.argv[1], sys.argv[2:]
    p = Page()
    p.feed(open(page, encoding="utf-8").read())
    for tag in ("script", "link", "iframe", "img", "object", "embed"):
        if tag in p.tags:
            fail("<%s> in the page" % tag)
    if "url(" in p.styles or "@import" in p.styles:
        fail("the style sheet refers to another file")
    for need in ("table", "thead", "tbody", "style", "title", "h1"):
        if need not in p.tags:
            fail("no <%s>" % need)
    print("ok: self-contained, no script")
    for t in texts:
        if t not in p.cells:
            fail("no cell holds the text %r" % t)
    print("ok: %d cells shown as text" % len(texts))


main()
