"""Fold text into the one spelling the number reader knows, keeping offsets to the original.

Full-width digits and punctuation become ASCII (NFKC), and the traditional forms of the number,
hedge and unit characters become simplified (萬 → 万, 超過 → 超过, 冊 → 册). Only characters that
matter to figures are mapped, one for one, so 萬 and 万 read the same without a full converter.
"""

from __future__ import annotations

import unicodedata

# Traditional → simplified for numerals, hedges and units, plus the unambiguous financial
# numerals (大写). 伍, 陆 and 拾 are left alone: outside invoices they are ordinary words
# (队伍, 大陆, 收拾), and reading them as digits would invent figures.
SIMPLIFIED = str.maketrans(
    {
        "萬": "万",
        "億": "亿",
        "兩": "两",
        "餘": "余",
        "過": "过",
        "約": "约",
        "將": "将",
        "於": "于",
        "內": "内",
        "個": "个",
        "項": "项",
        "種": "种",
        "冊": "册",
        "張": "张",
        "間": "间",
        "輛": "辆",
        "臺": "台",
        # Words that state figures in words, and the nouns that say what 个 counts.
        "蓋": "盖",
        "數": "数",
        "無": "无",
        "絕": "绝",
        "減": "减",
        "長": "长",
        "縣": "县",
        "醫": "医",
        "衛": "卫",
        "構": "构",
        "機": "机",
        "專": "专",
        "學": "学",
        "術": "术",
        "牀": "床",
        "區": "区",
        "診": "诊",
        "療": "疗",
        "壹": "一",
        "贰": "二",
        "貳": "二",
        "叁": "三",
        "叄": "三",
        "肆": "四",
        "柒": "七",
        "捌": "八",
        "玖": "九",
        "佰": "百",
        "仟": "千",
    }
)

_FULL_WIDTH_DIGITS = frozenset("０１２３４５６７８９")


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    if folded != ch and ch not in _FULL_WIDTH_DIGITS and any(c.isdigit() for c in folded):
        # ①, ², ㎡: NFKC would glue a stray digit to the figure next to it.
        return " "
    return folded


def fold(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, when lengths differ, where each folded character came from.

    The offset list has one entry per folded character plus one for the end; None means the
    folding kept every character in place (the common case: NFKC of full-width digits is one
    character for one).
    """
    if unicodedata.is_normalized("NFKC", text):
        return text.translate(SIMPLIFIED), None
    pieces: list[str] = []
    origin: list[int] = []
    same_length = True
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        if len(folded) != 1:
            same_length = False
        pieces.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(text))
    folded_text = "".join(pieces).translate(SIMPLIFIED)
    return folded_text, (None if same_length else origin)


def original_span(origin: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Map a span of the folded text back to the text the caller passed in."""
    if origin is None:
        return start, end
    if end <= start:
        return origin[start], origin[start]
    return origin[start], origin[end - 1] + 1
