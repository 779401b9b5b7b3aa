"""Citation rules, part 2: the quote must be in the snapshot, once, in the article's own text."""

from __future__ import annotations

from collections.abc import Iterator

from aidcheck.evidence.spans import SpanKind
from aidcheck.findings import Message, Problem, Severity
from aidcheck.rules.base import CheckContext, Family, Rule
from aidcheck.rules.citation import citation_locations, citations, short
from aidcheck.rules.common import NoOptions


def _not_found(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    for claim, check in citations(ctx):
        match, snapshot = check.match, check.snapshot
        if match is None or not snapshot.readable:
            continue
        ctx.tally(match.found, f"{claim.id}: quote in {snapshot.file}" if ctx.wording else None)
        if match.found:
            continue
        details: dict[str, object] = {"file": snapshot.file, "quote": claim.quote}
        where = citation_locations(ctx, claim, check.snapshot.source_id)
        closest = match.closest
        if closest is None:
            yield QUOTE_ABSENT(
                claims=[claim.id],
                locations=where,
                details=details,
                file=snapshot.file,
                quote=short(claim.quote),
            )
            continue
        line = snapshot.line(closest.start)
        details["closest"] = {
            "text": closest.text,
            "line": line,
            "similarity": closest.similarity,
            "numbers_differ": closest.numbers_differ,
        }
        yield (QUOTE_CLOSE_NUMBERS_DIFFER if closest.numbers_differ else QUOTE_CLOSE)(
            claims=[claim.id],
            locations=where,
            details=details,
            file=snapshot.file,
            quote=short(claim.quote),
            line=line,
            similarity=closest.similarity,
            closest=short(closest.text, 60),
        )


def _ambiguous(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    for claim, check in citations(ctx):
        match, snapshot = check.match, check.snapshot
        if match is None or not snapshot.readable or not match.found:
            continue
        ok = match.chosen is not None
        ctx.tally(ok, f"{claim.id}: one occurrence of the quote" if ctx.wording else None)
        if ok:
            continue
        lines = sorted({snapshot.line(o.start) for o in match.counted})
        where = citation_locations(ctx, claim, check.snapshot.source_id)
        details = {"file": snapshot.file, "lines": lines}
        if match.anchor_problem:
            yield ANCHOR_CHOOSES_NONE(
                claims=[claim.id],
                locations=where,
                details=details,
                file=snapshot.file,
                problem=match.anchor_problem,
            )
        else:
            yield QUOTE_REPEATED(
                claims=[claim.id],
                locations=where,
                details=details,
                file=snapshot.file,
                times=len(match.counted),
                lines=", ".join(map(str, lines)),
            )


_KIND_WORDS = {
    SpanKind.DAMAGED: "damaged text (mojibake or lost bytes)",
    SpanKind.REPAIRED: "text recovered from mojibake, not the snapshot's own characters",
    SpanKind.BOILERPLATE: "boilerplate, not the article",
}


def _untrusted(ctx: CheckContext, options: NoOptions) -> Iterator[Problem]:
    for claim, check in citations(ctx):
        snapshot = check.snapshot
        if not snapshot.readable or check.occurrence is None:
            continue
        ctx.tally(
            not check.untrusted,
            f"{claim.id}: quote in the article's own text" if ctx.wording else None,
        )
        if not check.untrusted:
            continue
        parts = [
            f"{_KIND_WORDS[s.kind]} (line {s.line}, found by '{s.heuristic}')"
            for s in check.untrusted
        ]
        yield QUOTE_IN_UNTRUSTED(
            spans="; and in ".join(parts),
            claim=claim.id,
            file=snapshot.file,
            claims=[claim.id],
            locations=citation_locations(ctx, claim, check.snapshot.source_id),
            details={
                "file": snapshot.file,
                "spans": [s.model_dump(mode="json") for s in check.untrusted],
            },
        )


QUOTE_ABSENT = Message(
    "C103.absent",
    "the quote is not in {file}: {quote!r}; nothing in the snapshot resembles it; copy the "
    "quote from the snapshot verbatim",
)
QUOTE_CLOSE = Message(
    "C103.closest",
    "the quote is not in {file}: {quote!r}; the closest passage (line {line}, {similarity:.0%} "
    "alike) reads {closest!r}; copy the quote from the snapshot verbatim",
)
QUOTE_CLOSE_NUMBERS_DIFFER = Message(
    "C103.numbers-differ",
    "the quote is not in {file}: {quote!r}; the closest passage (line {line}, {similarity:.0%} "
    "alike) reads {closest!r}, whose numbers differ from the quote's, so it is not accepted; "
    "copy the quote from the snapshot verbatim",
)
ANCHOR_CHOOSES_NONE = Message(
    "C104.anchor",
    "the anchor chooses no occurrence of the quote in {file}: {problem}",
)
QUOTE_REPEATED = Message(
    "C104.repeated",
    "the quote occurs {times} times in {file} (lines {lines}) and nothing chooses between "
    "them; add anchor: {{before: …}} or {{after: …}} with nearby text, or {{occurrence: N}}",
)
QUOTE_IN_UNTRUSTED = Message(
    "C106",
    "the quote lands in {spans} of {file}; quote a clean clause that states the figure, or "
    "accept this citation with a suppression that says why the passage is trusted "
    "(suppressions: [{{rule: C106, claims: [{claim}], reason: ...}}])",
)

QUOTE_NOT_FOUND = Rule(
    code="C103",
    name="quote-not-found",
    family=Family.CITATION,
    title="The quote is not in the source's snapshot",
    severity=Severity.ERROR,
    check=_not_found,
    options=NoOptions,
    needs_archive=True,
    messages=(QUOTE_ABSENT, QUOTE_CLOSE, QUOTE_CLOSE_NUMBERS_DIFFER),
    description="""The quote is searched for in the snapshot's normalized view (NFKC, pinyin
annotations removed, traditional → simplified, white space folded; see docs/evidence.md), so a
claim may quote either script. With punctuation ignored a quote is still found, but only when its
numbers are written identically; nothing fuzzier is accepted. The finding shows the closest
passage.

Passing: `quote: 派出超过6万人次医务人员` against a snapshot that reads
`……三级医院累计派出超过6万人次医务人员参与贫困县县级医院管理……`, or `quote: 共培训医务人员26913人次`
against a traditional-script snapshot that reads `共培訓醫務人員26913人次`.
Failing: `quote: 派出超过6.5万人次医务人员` against the first (the closest passage's numbers
differ).
""",
)

QUOTE_AMBIGUOUS = Rule(
    code="C104",
    name="quote-ambiguous",
    family=Family.CITATION,
    title="The quote occurs more than once and nothing chooses one",
    severity=Severity.WARNING,
    check=_ambiguous,
    options=NoOptions,
    needs_archive=True,
    messages=(ANCHOR_CHOOSES_NONE, QUOTE_REPEATED),
    description="""A quote that occurs twice may be cited for either passage. The claim's
`anchor` chooses: `before`/`after` text near the quote (within 50 characters), then
`occurrence: N` (1-based, in document order, among those left). Without `occurrence`, a copy in
a duplicated paragraph or in boilerplate does not count while the article states the quote
elsewhere, so a page that repeats its first paragraph does not make the quotes from it ambiguous.

Passing: a quote found once, or `anchor: {after: 获得了三级医院的对口帮扶}` for a quote the
article states twice, once just before those words. Failing: `quote: 卫生健康对口支援` with no
anchor against an article that states it four times, or `anchor: {occurrence: 9}` for a quote
found twice.
""",
)

QUOTE_UNTRUSTED = Rule(
    code="C106",
    name="quote-in-untrusted-text",
    family=Family.CITATION,
    title="The quote lands in damaged, repaired or boilerplate text",
    severity=Severity.WARNING,
    check=_untrusted,
    options=NoOptions,
    needs_archive=True,
    messages=(QUOTE_IN_UNTRUSTED,),
    description="""A quote found in mojibake, in text recovered from mojibake, or in the
non-article parts of a page (comment dumps, spam, related-news lists, footers) is not evidence
for a figure the article states; see docs/evidence.md for how these spans are found.

Passing: a quote from the body of the article. Failing: a quote that only matches text recovered
from mojibake (the snapshot shows `鐒﹂泤杈変粙缁` where the quote says `焦雅辉介绍`), or a
headline from the "related news" list after the article (`2024年春运累计发送铁路旅客5350万人次`).
""",
)

RULES = (QUOTE_NOT_FOUND, QUOTE_AMBIGUOUS, QUOTE_UNTRUSTED)
