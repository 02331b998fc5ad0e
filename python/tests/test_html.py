"""Document._repr_html_: every entity marked, escaped, well nested, with hover values."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

import civic

VOID = {"br", "img", "hr", "meta", "input", "link"}


class Checker(HTMLParser):
    """Checks that tags nest and collects the marks and the visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.marks = []
        self.text = []
        self.in_label = 0
        self.in_header = 0
        self.errors = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in VOID:
            return
        self.stack.append((tag, attrs))
        if tag == "mark":
            self.marks.append(attrs)
        if tag == "span" and attrs.get("class") == "civic-label":
            self.in_label += 1
        if attrs.get("class") == "civic-header":
            self.in_header += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        _, attrs = self.stack.pop()
        if tag == "span" and attrs.get("class") == "civic-label":
            self.in_label -= 1
        if attrs.get("class") == "civic-header":
            self.in_header -= 1

    def handle_data(self, data):
        if not self.in_label and not self.in_header:
            self.text.append(data)


def is_title_of(title, e):
    if not title.startswith(e.kind):
        return False
    for value in [e.name, e.unit_type, e.category, e.qualifier, e.counted]:
        if value is not None and value not in title:
            return False
    if e.value is not None and f"value: {e.value}" not in title:
        return False
    return all(r.role in title for r in e.roles or [])


def check(doc):
    out = doc._repr_html_()
    assert out == doc.to_html()
    p = Checker()
    p.feed(out)
    p.close()
    assert not p.errors, p.errors
    assert not p.stack, f"unclosed: {p.stack}"
    # The visible text is the document's text, untouched.
    assert "".join(p.text) == doc.text
    # Every entity has a mark with its offsets, kind and hover values.
    for e in doc:
        ms = [m for m in p.marks if m["data-start"] == str(e.start) and m["data-end"] == str(e.end) and m["data-kind"] == e.kind]
        assert ms, f"no mark for {e!r}"
        # Entities may share a span (one clause, two issue categories): one of the marks is this one's.
        assert any(is_title_of(m["title"], e) for m in ms), f"no mark with the values of {e!r}"
    return out, p


def test_gold_documents(gold):
    docs = civic.extract_many([(d["id"], d["text"]) for d in gold], threads=2)
    for doc in docs:
        out, p = check(doc)
        assert out.count('class="civic-label"') == len(doc)


def test_kinds_have_distinct_colours():
    text = "A B C D"
    ents = [
        civic.Entity("official", "A", 0, 1, name="A", roles=[civic.Role("president", "central", "P")]),
        civic.Entity("unit", "B", 2, 3, name="B", unit_type="commune"),
        civic.Entity("count", "C", 4, 5, value=3, qualifier="approx", counted="C"),
        civic.Entity("issue", "D", 6, 7, category="funding"),
    ]
    out, p = check(civic.Document(text, "en", ents))
    colours = {m["data-kind"]: m["style"].split(";")[0] for m in p.marks}
    assert len(set(colours.values())) == 4
    assert "president (central)" in p.marks[0]["title"]
    assert "approx" in p.marks[2]["title"] and "value: 3" in p.marks[2]["title"]


def test_escaping():
    text = 'x <script>alert("1")</script> & Tom\'s "B<i>" y'
    s = text.index("<script>")
    ents = [
        civic.Entity("unit", text[s : s + 8], s, s + 8, name='<b>"evil"</b>', unit_type="body"),
        civic.Entity("issue", "Tom's", text.index("Tom"), text.index("Tom") + 5, category="complaints"),
    ]
    out, p = check(civic.Document(text, "en", ents, id="<id>"))
    assert "<script>" not in out and '<b>"evil"' not in out and "<i>" not in out
    assert "&lt;script&gt;" in out
    assert "&lt;id&gt;" in out
    assert html.escape('<b>"evil"</b>') in out or "&lt;b&gt;&quot;evil&quot;" in out


@pytest.mark.parametrize(
    "spans",
    [
        [(0, 10), (2, 5)],  # nested
        [(0, 5), (3, 9)],  # crossing
        [(0, 5), (0, 5)],  # identical
        [(0, 5), (0, 9), (5, 9)],  # same start, adjacent
        [(1, 8), (2, 4), (3, 9), (0, 12)],  # several levels and crossings
        [(3, 3), (0, 6)],  # empty span inside another
        [(0, 12)],
    ],
)
def test_overlapping_entities(spans):
    text = "abcdefghijkl"
    kinds = ["official", "unit", "count", "issue"]
    ents = []
    for i, (s, e) in enumerate(spans):
        kind = kinds[i % 4]
        extra = {"official": {"name": "n", "roles": []}, "unit": {"name": "u", "unit_type": "ward"},
                 "count": {"value": 1.5, "counted": "c"}, "issue": {"category": "land"}}[kind]
        ents.append(civic.Entity(kind, text[s:e], s, e, **extra))
    out, p = check(civic.Document(text, "en", ents))
    assert out.count('class="civic-label"') == len(spans)


def test_non_ascii_offsets():
    text = "Xã Na Sầm 😀 và phường Đông Kinh"
    s = text.index("Đông")
    doc = civic.Document(text, "vi", [civic.Entity("unit", "Đông Kinh", s, s + 9, name="Đông Kinh", unit_type="ward")])
    out, p = check(doc)
    assert ">Đông Kinh<span" in out


def test_empty_document():
    out, p = check(civic.extract(""))
    assert "0 entities" in out
