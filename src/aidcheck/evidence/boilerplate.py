"""Boilerplate: the parts of a snapshot that are not the article.

Web snapshots carry a site's furniture after the article (and sometimes a menu before it). Each
heuristic has a name, so a report can say why a span was judged boilerplate:

- `end-mark`: the article's own end mark, `(完)`; what follows is not the article.
- `section-marker`: a line that opens a site section: related reading (延伸阅读, 相关推荐,
  相关资讯, 热点新闻, 最近发表 …), comments (评论区, 新闻评论, 在此留言), editor and correction
  notes (【纠错】, 责任编辑, 转自).
- `copyright`: a copyright or licence footer (版权声明, 版权所有, …版权…声明, ICP备, 联系方式).
- `spam-run`: a long line without sentence punctuation (keyword spam, link farms).
- `markup`: a line of HTML or of serialized objects (`<div>`, `key=value, key=value`).
- `headline-list`: four or more short lines in a row without a full stop: a list of headlines.
- `menu`: three or more very short lines in a row anywhere (关注 / 微博 / 评论 / 图集).

The tail starts at the first line after the first article paragraph that any tail heuristic
flags, reaches back over the short lines right before it (`+1`, a source line), and runs to the
end of the snapshot. Lines are matched in NFKC and simplified script, so 延伸閱讀 is 延伸阅读.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from aidcheck.evidence.normalize import PINYIN_RE, t2s
from aidcheck.evidence.spans import Span, SpanKind

SECTION_RE = re.compile(
    r"^[\s\-•·*]*(?:延伸阅读|相关阅读|相关推荐|相关资讯|相关新闻|相关文章|推荐阅读|猜你喜欢|热点视频|"
    r"热点新闻|热点舆情|热门推荐|最近发表|随机阅读|精彩推荐|评论区|新闻评论|网友评论|在此留言|"
    r"【纠错】|责任编辑|转自\s*:)"
)
COPYRIGHT_RE = re.compile(
    r"版权声明|版权所有|【版权|版权.{0,12}声明|免责声明|ICP备|公网安备|联系方式"
)
SENTENCE_RE = re.compile(r"[。,;!?，；！？]")
MARKUP_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*[\s>/]|\b[a-zA-Z]+=[^\s,]*,")
END_MARK_RE = re.compile(r"[(（]完[)）]\s*$")

# How these were chosen: on the five snapshots of the bundled archive, each threshold sits
# between what the article lines and the furniture measure there (characters after folding):
# - the shortest article paragraph is 57 characters (002), so ARTICLE_MIN_CHARS = 40 finds the
#   first paragraph of each; the article's body never has a line without sentence punctuation
#   longer than 45 characters, while the spam lines of 001 and 003 run to 2885 and 2943: hence
#   SPAM_MIN_CHARS = 150, with under one sentence mark per 100 characters;
# - related-headline lists are 4 or more lines of at most 40 characters (004's longest is 40);
#   a title of 45 characters stands alone, so one long title never starts a list;
# - site menus are runs of 3 or more lines of at most 6 characters (001: 关注 / 微博 / 评论 …).
# These are measured on Chinese pages: the character counts suit Chinese text, and a paragraph
# counts as article text only when at least half of it is Chinese characters. English snapshots
# therefore get no boilerplate tail from these heuristics (their furniture is not reported), which
# docs/evidence.md says; a setting would not fix that, an English set of heuristics would.
SPAM_MIN_CHARS = 150
SPAM_MAX_SENTENCE_MARKS_PER_100 = 1.0
MARKUP_MIN_HITS = 3  # three tags or key=value pairs: one is a stray `<br>` in copied text
HEADLINE_MAX_CHARS = 40
HEADLINE_MIN_LINES = 4
MENU_MAX_CHARS = 6
MENU_MIN_LINES = 3
SHORT_LEAD_IN_CHARS = 10  # a short line just before the tail (a "来源：" line) belongs to it
ARTICLE_MIN_CHARS = 40


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    start: int
    end: int  # without the newline
    text: str  # NFKC, simplified, stripped

    @property
    def blank(self) -> bool:
        return not self.text


def _fold(text: str) -> str:
    return t2s(PINYIN_RE.sub("", unicodedata.normalize("NFKC", text)))


def split_lines(text: str) -> list[Line]:
    """The lines of a text, each with its offsets and its folded form (NFKC, no pinyin
    annotations, simplified) for matching markers."""
    folded = _fold(text).split("\n")
    raw = text.split("\n")
    if len(folded) != len(raw):  # NFKC never adds or removes a line feed; be safe anyway
        folded = [_fold(line) for line in raw]
    lines = []
    pos = 0
    for number, (original, simple) in enumerate(zip(raw, folded, strict=True), start=1):
        lines.append(Line(number, pos, pos + len(original), simple.strip()))
        pos += len(original) + 1
    return lines


def is_article_paragraph(line: Line) -> bool:
    text = line.text
    if len(text) < ARTICLE_MIN_CHARS or not SENTENCE_RE.search(text):
        return False
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk >= len(text) / 2


def _spam(line: Line) -> bool:
    n = len(line.text)
    marks = len(SENTENCE_RE.findall(line.text))
    return n >= SPAM_MIN_CHARS and marks * 100 / n < SPAM_MAX_SENTENCE_MARKS_PER_100


def _markup(line: Line) -> bool:
    return len(MARKUP_RE.findall(line.text)) >= MARKUP_MIN_HITS


def _headline_list(lines: list[Line], i: int) -> bool:
    """Whether line i starts a run of headline-like lines."""
    run = 0
    for line in lines[i:]:
        if line.blank:
            continue
        if len(line.text) > HEADLINE_MAX_CHARS or "。" in line.text:
            break
        run += 1
        if run >= HEADLINE_MIN_LINES:
            return True
    return False


TAIL_HEURISTICS: tuple[tuple[str, Callable[[list[Line], int], bool]], ...] = (
    ("section-marker", lambda lines, i: SECTION_RE.search(lines[i].text) is not None),
    ("copyright", lambda lines, i: COPYRIGHT_RE.search(lines[i].text) is not None),
    ("spam-run", lambda lines, i: _spam(lines[i])),
    ("markup", lambda lines, i: _markup(lines[i])),
    ("headline-list", _headline_list),
)


def find_boilerplate(text: str) -> list[Span]:
    lines = split_lines(text)
    spans = _menus(lines)
    tail = _tail(text, lines)
    if tail is not None:
        spans = [s for s in spans if s.end <= tail.start] + [tail]
    return spans


def _tail(text: str, lines: list[Line]) -> Span | None:
    first = next((i for i, line in enumerate(lines) if is_article_paragraph(line)), None)
    if first is None:
        return None
    for i in range(first, len(lines)):
        line = lines[i]
        if END_MARK_RE.search(line.text) and i + 1 < len(lines):
            start = line.end
            if text[start:].strip():
                return _tail_span(text, lines, start, "end-mark", "after the article's end mark")
        if i == first or line.blank:
            continue
        fired = [name for name, test in TAIL_HEURISTICS if test(lines, i)]
        if fired:
            start = _lead_in(lines, i)
            note = f"starts at line {line.number}: {line.text[:30]!r}"
            return _tail_span(text, lines, start, fired[0], note)
    return None


def _lead_in(lines: list[Line], i: int) -> int:
    """The start of the tail, reaching back over blank and short lines before line i."""
    j = i
    while j - 1 > 0 and (
        lines[j - 1].blank
        or (len(lines[j - 1].text) <= SHORT_LEAD_IN_CHARS and "。" not in lines[j - 1].text)
    ):
        j -= 1
    while j < i and lines[j].blank:
        j += 1
    return lines[j].start


def _tail_span(text: str, lines: list[Line], start: int, heuristic: str, note: str) -> Span:
    return Span(
        kind=SpanKind.BOILERPLATE,
        heuristic=heuristic,
        start=start,
        end=len(text),
        note=f"the non-article tail, {note}",
    )


def _menus(lines: list[Line]) -> list[Span]:
    spans = []
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.blank:
            continue
        if line is not None and len(line.text) <= MENU_MAX_CHARS:
            run.append(line)
            continue
        if len(run) >= MENU_MIN_LINES:
            spans.append(
                Span(
                    kind=SpanKind.BOILERPLATE,
                    heuristic="menu",
                    start=run[0].start,
                    end=run[-1].end,
                    note=f"{len(run)} very short lines in a row: site navigation",
                )
            )
        run = []
    return spans
