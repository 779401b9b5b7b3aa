"""The command line: parse arguments, call the library, render, return an exit code.

Heavy modules (pydantic models, rich, the loader) are imported inside the commands, so
`aidcheck --help` and `--version` start fast. Help text is Markdown, so that the line breaks of
a docstring are not line breaks on the screen.

The annotations are evaluated when this module is imported (no `from __future__ import
annotations`): typer reads every command's parameters on each run, and evaluating them once
here costs less than typer evaluating them from strings.
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from aidcheck.severity import Severity

HELP = {"help_option_names": ["-h", "--help"]}


def _plain_flags() -> None:
    """Show a flag (--debug, --dry-run, --help) without a type: typer labels it `<bool>`, but
    a flag takes no value."""
    core = getattr(typer, "core", None)
    option = getattr(core, "TyperOption", None)
    shown = getattr(option, "display_type_rich", None)
    if option is None or shown is None or getattr(shown, "plain_flags", False):
        return

    def display_type_rich(self: typer.core.TyperOption, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False) and not getattr(self, "count", False):
            return None
        result: str | None = shown(self, ctx)
        return result

    display_type_rich.plain_flags = True  # type: ignore[attr-defined]
    option.display_type_rich = display_type_rich


_plain_flags()

app = typer.Typer(
    name="aidcheck",
    help=(
        "Check the figures published about health poverty alleviation (健康扶贫) against "
        "their sources and against each other."
    ),
    no_args_is_help=True,
    context_settings=HELP,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


class FormatChoice(StrEnum):
    text = "text"
    json = "json"


class ReportFormat(StrEnum):
    """The formats of `verify` (mirrors aidcheck.render.Format, kept here so --help is fast)."""

    auto = "auto"
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    markdown = "markdown"
    html = "html"


ArchiveOption = Annotated[
    Path | None,
    typer.Option(
        "--archive",
        metavar="DIR",
        help="The evidence archive of source snapshots. Default: $AIDCHECK_ARCHIVE, else the "
        "'archive' setting of the project (see docs/evidence.md).",
    ),
]


def _version(value: bool) -> None:
    if value:
        from aidcheck import __version__

        typer.echo(f"aidcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="On an internal error (exit 70), print the traceback to include in a bug "
            "report. Accepted anywhere on the command line.",
        ),
    ] = False,
) -> None:
    """aidcheck: fact-check claim files about health poverty alleviation."""


def _color() -> bool:
    """Colour as rich decides it for standard output: on a terminal, off when it is not one,
    under NO_COLOR or TERM=dumb, and forced by FORCE_COLOR (the same rules as --help)."""
    from rich.console import Console

    out = Console()
    return out.is_terminal and out.color_system is not None and not out.no_color


@app.command()
def verify(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Claim files or folders. Default: the 'claims' setting of the project found "
            "from the current directory."
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="Report format. auto: github inside GitHub Actions, text otherwise.",
        ),
    ] = ReportFormat.auto,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file instead of stdout."),
    ] = None,
    fail_on: Annotated[
        Severity | None,
        typer.Option(help="Exit 1 on findings at or above this severity (default: error)."),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            metavar="REF",
            help="Report and fail only on findings that involve a file added or changed since "
            "this git ref (e.g. origin/main).",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Accept the findings listed in this baseline file (see docs/ci.md)."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(help="Record the current findings in this baseline file, and accept them."),
    ] = None,
    archive: ArchiveOption = None,
    sarif_root: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="The folder that SARIF paths are relative to. Default: the top of the git "
            "repository holding the project, which is what GitHub code scanning expects.",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Neither read nor write .aidcheck-cache, the cache of parsed claim files and "
            "analysed snapshots (see docs/performance.md).",
        ),
    ] = False,
    jobs: Annotated[
        str | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            help="How many processes share the work of a large repository: a number, or auto "
            "(one per usable core, the default). Also AIDCHECK_JOBS. The report is the same "
            "whatever the number.",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Print no report: the exit code says whether the check passed. Errors still "
            "go to stderr, and --output and the job summary are still written.",
        ),
    ] = False,
) -> None:
    """Load every claim, run the checks, print a discrepancy report.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input errors.
    """
    from aidcheck.commands.verify import run

    raise typer.Exit(
        run(
            paths or [],
            fmt.value,
            fail_on,
            fmt in (ReportFormat.auto, ReportFormat.text) and _color(),  # only text has colour
            output=output,
            changed_since=changed_since,
            baseline=baseline,
            write_baseline=write_baseline,
            archive=archive,
            sarif_root=sarif_root,
            cache=not no_cache,
            quiet=quiet,
            jobs=jobs,
        )
    )


@app.command()
def show(
    query: Annotated[
        str,
        typer.Argument(help="A claim id, a figure (1180, 6万, 60,000) or words from a quote."),
    ],
    fmt: Annotated[
        FormatChoice, typer.Option("--format", "-f", help="How to print the result.")
    ] = FormatChoice.text,
    archive: ArchiveOption = None,
) -> None:
    """Look a claim up: its source, its quote in context, and every other claim on the same
    metric.

    Exit codes: 0 found, 1 nothing matched, 2 input errors in the repository.
    """
    from aidcheck.commands.show import run

    raise typer.Exit(run(query, fmt.value, _color(), archive=archive))


@app.command()
def figure(
    text: Annotated[
        str, typer.Argument(help="A figure as a source states it: 超过6万人次, 400余家.")
    ],
    fmt: Annotated[
        FormatChoice, typer.Option("--format", "-f", help="How to print the reading.")
    ] = FormatChoice.text,
) -> None:
    """How a figure reads: value, hedge, unit, dimension, interval, and why.

    Exit codes: 0 read, 2 the text is not one figure (the message says what to write).
    """
    from aidcheck.commands.figure import run

    raise typer.Exit(run(text, fmt.value, _color()))


@app.command()
def init(
    directory: Annotated[
        Path, typer.Argument(help="Where to create the claim repository (default: here).")
    ] = Path("."),
) -> None:
    """Create a claim repository: configuration, starter registries, an archive, one example.

    Exit codes: 0 created, 2 something already exists there (nothing is overwritten).
    """
    from aidcheck.commands.init import run

    raise typer.Exit(run(directory, _color()))


class ExtractFormat(StrEnum):
    text = "text"
    json = "json"
    yaml = "yaml"


@app.command()
def extract(
    source: Annotated[str, typer.Argument(help="A source id, or the path of a text file.")],
    fmt: Annotated[
        ExtractFormat,
        typer.Option("--format", "-f", help="text or json: the figures; yaml: stub claims."),
    ] = ExtractFormat.text,
    archive: ArchiveOption = None,
) -> None:
    """Every figure in an article's body: its reading, its sentence, and the claims that cover
    it; with --format yaml, stub claims for the figures no claim covers.

    Exit codes: 0 extracted, 2 unknown source, unreadable snapshot or file.
    """
    from aidcheck.commands.extract import run

    raise typer.Exit(run(source, fmt.value, _color(), archive=archive))


sources_app = typer.Typer(
    help="The sources and their snapshots in the evidence archive.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(sources_app, name="sources")


@sources_app.command("list")
def sources_list(
    fmt: Annotated[
        FormatChoice, typer.Option("--format", "-f", help="How to print the list.")
    ] = FormatChoice.text,
    archive: ArchiveOption = None,
) -> None:
    """Each source with its claim count and citation status.

    Exit codes: 0 listed, 2 input errors in the repository or a missing --archive.
    """
    from aidcheck.commands.sources import run_list

    raise typer.Exit(run_list(fmt.value, _color(), archive=archive))


@sources_app.command("check")
def sources_check(
    ids: Annotated[
        list[str] | None, typer.Argument(help="Source ids to check. Default: every source.")
    ] = None,
    fmt: Annotated[
        FormatChoice, typer.Option("--format", "-f", help="How to print the result.")
    ] = FormatChoice.text,
    archive: ArchiveOption = None,
) -> None:
    """Each snapshot: its hash, what normalization changed, and its damaged, repaired,
    duplicated and boilerplate spans with offsets and line numbers.

    Exit codes: 0 every snapshot present and unchanged, 1 a snapshot missing or changed,
    2 no archive, an unknown source id, or input errors in the repository.
    """
    from aidcheck.commands.sources import run_check

    raise typer.Exit(run_check(ids or [], fmt.value, _color(), archive=archive))


@sources_app.command("add")
def sources_add(
    file: Annotated[str, typer.Argument(help="The article as a plain-text file, or - for stdin.")],
    publisher: Annotated[str, typer.Option(help="Who published it (新华网, Xinhua).")],
    title: Annotated[str, typer.Option(help="The title as published.")],
    published: Annotated[str, typer.Option(help="Publication date, YYYY-MM-DD.")],
    url: Annotated[str | None, typer.Option(help="Where it was published.")] = None,
    language: Annotated[str, typer.Option(help="zh-Hans, zh-Hant or en.")] = "zh-Hans",
    derived_from: Annotated[
        list[str] | None,
        typer.Option("--derived-from", help="What it repeats: a source or origin id (repeatable)."),
    ] = None,
    author: Annotated[str | None, typer.Option(help="Reporters or author, as credited.")] = None,
    source_id: Annotated[
        str | None, typer.Option("--id", help="The source id (default: <publisher>-<date>).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be done; write nothing.")
    ] = False,
    archive: ArchiveOption = None,
) -> None:
    """Archive an article's text: name the snapshot, copy it into the archive, record it in the
    archive's index, and write its source record into a new claim file.

    Exit codes: 0 added, 2 bad input or something would be overwritten (nothing is written).
    """
    from aidcheck.commands.sources_add import AddRequest, run

    request = AddRequest(
        file, publisher, title, published, url, language, derived_from or [], author,
        source_id, dry_run, archive,
    )  # fmt: skip
    raise typer.Exit(run(request, _color()))


export_app = typer.Typer(
    help="The checks in formats for publishing.", no_args_is_help=True, rich_markup_mode="markdown"
)
app.add_typer(export_app, name="export")


@export_app.command("claimreview")
def export_claimreview(
    author: Annotated[str, typer.Option(help="Who publishes the review (organization or person).")],
    date: Annotated[
        str | None, typer.Option(help="The review's publication date, YYYY-MM-DD (default: today).")
    ] = None,
    url: Annotated[str | None, typer.Option(help="The page that publishes the review.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    archive: ArchiveOption = None,
) -> None:
    """schema.org ClaimReview JSON-LD for each claim that a finding involves (docs/workflow.md).

    Exit codes: 0 written, 2 bad option or input errors in the repository.
    """
    from aidcheck.commands.export import run_claimreview

    raise typer.Exit(run_claimreview(author, date, url, output, archive=archive))


class CatalogueFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command("rules")
def list_rules(
    fmt: Annotated[
        CatalogueFormat, typer.Option("--format", "-f", help="How to print the list.")
    ] = CatalogueFormat.text,
) -> None:
    """List every rule: code, name, family, default severity and title."""
    from aidcheck.commands.rules import run_list

    raise typer.Exit(run_list(fmt.value))


@app.command("rule")
def explain_rule(
    code: Annotated[str, typer.Argument(help="A rule code (A201) or name (conflict).")],
    fmt: Annotated[
        FormatChoice, typer.Option("--format", "-f", help="How to print the rule.")
    ] = FormatChoice.text,
) -> None:
    """Explain one rule: what it catches, a passing and a failing example, its options.

    Exit codes: 0 shown, 2 unknown rule.
    """
    from aidcheck.commands.rules import run_show

    raise typer.Exit(run_show(code, fmt.value))


class SchemaKind(StrEnum):
    claims = "claims"
    report = "report"


@app.command("schema")
def schema(
    kind: Annotated[
        SchemaKind, typer.Argument(help="claims: a claim file; report: the JSON report.")
    ] = SchemaKind.claims,
) -> None:
    """Print the JSON Schema of claim files (default) or of the JSON report.

    Point an editor's YAML support at the claims schema to check claim files as you type, or
    validate them with `check-jsonschema --schemafile`.
    """
    from aidcheck.commands.schema import run

    raise typer.Exit(run(kind.value))


def main() -> None:
    import os
    import sys

    from aidcheck.crash import DEBUG_ENV, run_guarded

    def run(args: list[str]) -> None:
        app(args=args)

    sys.exit(run_guarded(run, sys.argv[1:], debug_env=os.environ.get(DEBUG_ENV)))
