"""`aidcheck export claimreview`: the checks as schema.org ClaimReview JSON-LD."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from aidcheck.verify import EXIT_INPUT


def run_claimreview(
    author: str,
    date: str | None,
    url: str | None,
    output: Path | None,
    archive: Path | None = None,
) -> int:
    from aidcheck.render.claimreview import ReviewOptions, render
    from aidcheck.render.console import visible
    from aidcheck.render.html import safe_url
    from aidcheck.verify import VerifyOptions, verify

    def fail(message: str) -> int:
        print(f"aidcheck: error: {visible(message)}", file=sys.stderr)
        return EXIT_INPUT

    if not author.strip():
        return fail("--author is empty: name who publishes the review (a person or organization)")
    when = date or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(when)
    except ValueError:
        return fail(f"--date {when!r} is not a date; write it as YYYY-MM-DD")
    if url is not None and safe_url(url) is None:
        return fail(f"--url {url!r} is not an http or https address")
    outcome = verify(VerifyOptions(archive=archive))
    if outcome.repository is None or outcome.report.summary.input_errors:
        from aidcheck.render import Format, RenderOptions
        from aidcheck.render import render as render_report

        print(render_report(outcome.report, Format.TEXT, RenderOptions()), end="", file=sys.stderr)
        return fail("the claim repository has input errors (above); fix them first")
    text = render(outcome.report, ReviewOptions(author=author.strip(), date=when, url=url))
    if output is None:
        print(text, end="")
        return 0
    from aidcheck.atomic import write_text

    try:
        write_text(output, text)
    except OSError as exc:
        return fail(f"cannot write {output}: {exc.strerror}; name a file in a writable folder")
    return 0
