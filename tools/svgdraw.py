"""Small SVG drawing helpers shared by tools/schedule-svg and tools/trace
(standard library only).  A Gantt chart: rows of labelled bars on a time
axis, markers for instants."""

from xml.sax.saxutils import escape

# One colour per partition index (colour-blind-safe palette, Okabe-Ito).
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
           "#D55E00", "#F0E442", "#999999"]
FONT = 'font-family="sans-serif"'


def colour(i):
    return COLOURS[i % len(COLOURS)]


class Svg:
    def __init__(self, width):
        self.width, self.height, self.items = width, 0, []

    def add(self, text):
        self.items.append(text)

    def text(self, x, y, s, anchor="start", extra="", size=11):
        self.add('<text x="%.1f" y="%.1f" text-anchor="%s" font-size="%d" %s%s>'
                 '%s</text>' % (x, y, anchor, size, FONT, extra, escape(str(s))))

    def rect(self, x, y, w, h, fill, title=None, cls="window"):
        tip = "<title>%s</title>" % escape(title) if title else ""
        self.add('<rect class="%s" x="%.2f" y="%.1f" width="%.2f" height="%.1f" '
                 'fill="%s" stroke="#333" stroke-width="0.5">%s</rect>'
                 % (cls, x, y, max(w, 0.5), h, fill, tip))

    def line(self, x1, y1, x2, y2, stroke="#999", width=1, cls="", title=None):
        tip = "<title>%s</title>" % escape(title) if title else ""
        self.add('<line class="%s" x1="%.2f" y1="%.1f" x2="%.2f" y2="%.1f" '
                 'stroke="%s" stroke-width="%s">%s</line>'
                 % (cls, x1, y1, x2, y2, stroke, width, tip))

    def render(self):
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
                'viewBox="0 0 %d %d">\n<rect width="100%%" height="100%%" '
                'fill="white"/>\n%s\n</svg>\n'
                % (self.width, self.height, self.width, self.height,
                   "\n".join(self.items)))


def nice_step(span, target=10):
    """A round axis step giving about target ticks over span."""
    raw = span / float(target)
    mag = 1
    while mag * 10 <= raw:
        mag *= 10
    for m in (1, 2, 5, 10):
        if mag * m >= raw:
            return mag * m
    return mag * 10


def axis(svg, x0, y, scale, t0, t1, unit_div, unit):
    """A time axis from t0 to t1 (in the caller's units) at height y."""
    step = nice_step(t1 - t0)
    svg.line(x0, y, x0 + (t1 - t0) * scale, y, "#333")
    t = t0 - (t0 % step) if t0 % step else t0
    while t <= t1:
        if t >= t0:
            x = x0 + (t - t0) * scale
            svg.line(x, y, x, y + 4, "#333")
            svg.text(x, y + 15, "%g" % (t / unit_div), "middle")
        t += step
    svg.text(x0 + (t1 - t0) * scale, y + 28, unit, "end")
