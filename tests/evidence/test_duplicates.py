from __future__ import annotations

import random

from aidcheck.evidence.boilerplate import find_boilerplate
from aidcheck.evidence.duplicates import (
    MIN_CHARS,
    PER_SNAPSHOT_BASE,
    PER_SNAPSHOT_FACTOR,
    find_duplicates,
    paragraph_ranges,
    search_duplicates,
)
from aidcheck.evidence.normalize import NormalizedText, normalize
from aidcheck.evidence.spans import Span

FIRST = "通过聚焦健康扶贫，我国实现了所有贫困县县医院远程医疗全覆盖，1180家县级医院获得了帮扶。"
SECOND = "2月13日，卫生健康委召开新闻发布会，介绍卫生健康对口支援的相关工作情况。"


def duplicates(text: str) -> list[Span]:
    return find_duplicates(normalize(text), find_boilerplate(text))


def test_a_paragraph_repeated_verbatim_is_marked_once() -> None:
    text = f"标题\n\n{FIRST}\n\n{FIRST}\n\n{SECOND}\n"
    [span] = duplicates(text)
    assert span.heuristic == "repeated-paragraph"
    assert text[span.start : span.end] == FIRST
    assert "verbatim" in span.note


def test_a_truncated_lead_that_repeats_the_next_paragraphs_is_marked() -> None:
    lead = FIRST + SECOND[:20]
    text = f"标题\n\n{lead}\n\n{FIRST}\n\n{SECOND}\n"
    [span] = duplicates(text)
    assert text[span.start : span.end] == lead
    assert "from line 5" in span.note


def test_short_repeated_lines_and_distinct_paragraphs_are_not_duplicates() -> None:
    assert duplicates(f"图集\n{FIRST}\n图集\n{SECOND}\n") == []


def test_a_paragraph_repeated_in_either_script_is_a_duplicate() -> None:
    traditional = (
        "通過聚焦健康扶貧，我國實現了所有貧困縣縣醫院遠程醫療全覆蓋，1180家縣級醫院獲得了幫扶。"
    )
    assert len(duplicates(f"{traditional}\n{FIRST}\n{SECOND}\n")) == 1


def _reference(view: NormalizedText, boilerplate: list[Span]) -> list[tuple[int, int, str]]:
    """The plain quadratic statement of the heuristic: each paragraph against the joined rest."""
    paragraphs = [
        (a, b)
        for a, b in paragraph_ranges(view)
        if b - a >= MIN_CHARS and not any(s.overlaps(*view.to_original(a, b)) for s in boilerplate)
    ]
    texts = [view.text[a:b].strip() for a, b in paragraphs]
    marked: set[int] = set()
    found = []
    for i, text in enumerate(texts):
        others = [k for k in range(len(texts)) if k != i and k not in marked]
        at = "".join(texts[k] for k in others).find(text)
        if at < 0:
            continue
        marked.add(i)
        pos = 0
        for k in others:
            pos += len(texts[k])
            if at < pos:
                break
        line = view.original.count("\n", 0, view.to_original(*paragraphs[k])[0]) + 1
        how = "verbatim" if any(texts[o] == text for o in others) else "within longer text"
        start, end = view.to_original(*paragraphs[i])
        found.append((start, end, f"stated again, {how}, from line {line}"))
    return found


def test_the_indexed_search_finds_what_the_plain_search_finds() -> None:
    rng = random.Random(7)
    for _ in range(400):
        alphabet = rng.choice(["ab", "abc", "健康扶贫县医院", "abcdefghij0123456789"])
        lines: list[str] = []
        for _ in range(rng.randint(1, 12)):
            roll = rng.random()
            if roll < 0.3 and lines:
                lines.append(rng.choice(lines))
            elif roll < 0.5 and len(lines) > 1:
                a = rng.randrange(len(lines) - 1)
                lines.append(lines[a][rng.randint(0, 10) :] + lines[a + 1][: rng.randint(0, 30)])
            elif roll < 0.6 and lines:
                line = rng.choice(lines)
                x = rng.randint(0, len(line))
                lines.append(line[x : x + rng.randint(15, 40)])
            else:
                lines.append("".join(rng.choice(alphabet) for _ in range(rng.randint(10, 60))))
        text = "\n".join(lines) + "\n"
        view, boilerplate = normalize(text), find_boilerplate(text)
        spans, work = search_duplicates(view, boilerplate)
        assert not work.exhausted
        assert [(s.start, s.end, s.note) for s in spans] == _reference(view, boilerplate), text


def test_thousands_of_distinct_paragraphs_cost_a_few_comparisons_each() -> None:
    rng = random.Random(3)
    text = "\n".join(
        "".join(rng.choice("健康扶贫县医院远程医疗全覆盖帮扶") for _ in range(30))
        for _ in range(3000)
    )
    spans, work = search_duplicates(normalize(text), [])
    assert spans == []
    assert not work.exhausted
    assert work.candidates <= 2 * 3000


def test_paragraphs_sharing_most_of_their_grams_stay_within_the_budget() -> None:
    text = "\n".join(
        f"第{i}段：通过聚焦健康扶贫，我国实现了所有贫困县县医院远程医疗全覆盖" for i in range(3000)
    )
    spans, work = search_duplicates(normalize(text), [])
    assert spans == []
    assert work.candidates <= PER_SNAPSHOT_BASE + PER_SNAPSHOT_FACTOR * 3000


def test_thousands_of_identical_paragraphs_are_marked_at_linear_cost() -> None:
    text = "\n".join([FIRST] * 3000)
    spans, work = search_duplicates(normalize(text), [])
    assert len(spans) == 2999
    assert all("verbatim" in s.note for s in spans)
    assert spans[0].note.endswith("from line 2") and spans[-1].note.endswith("from line 3000")
    assert work.candidates <= 4 * 3000


def test_near_identical_paragraphs_stay_within_the_budget() -> None:
    text = "\n".join(f"{FIRST}{i}" for i in range(3000))
    spans, work = search_duplicates(normalize(text), [])
    assert work.candidates <= PER_SNAPSHOT_BASE + PER_SNAPSHOT_FACTOR * 3000
    assert any(text.splitlines()[1] in text[s.start : s.end] for s in spans)  # 1 is in 10


def test_one_huge_line_is_not_compared_with_itself() -> None:
    spans, work = search_duplicates(normalize("健康扶贫" * 50_000), [])
    assert spans == [] and work.candidates == 0
