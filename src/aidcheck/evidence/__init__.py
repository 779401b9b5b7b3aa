"""The evidence archive: snapshots of sources, their normalized view, and citation checks.

`archive` finds the archive and reads snapshots safely; `normalize` builds the view quotes are
matched on (NFKC, pinyin annotations removed, traditional → simplified, white space folded) with
every offset mapped back to the original; `mojibake`, `boilerplate` and `duplicates` find the
spans a citation must not be trusted in; `document` puts these together per snapshot;
`matching` finds a quote; `citations` checks each claim's citation once per run for the rules.
"""
