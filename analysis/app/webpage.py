"""The evaluation report as one publishable HTML page (report.html).

Built from the same :class:`~analysis.app.content.ReportContent` as the Word document:
a table of contents, formatted tables (units, sensible decimals, "—" with a footnote
instead of NaN), the per-target sentences, the figures (the pack's files, linked
relatively: the PNG, else the SVG), no code and no scripts or web fonts (it works offline), and a print
stylesheet so that the browser's "Save as PDF" gives a clean A4 document. The same
inputs give the same bytes.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import pandas as pd

from analysis import vocab
from analysis.app.content import ReportContent, region_name, status_color
from analysis.i18n import t
from analysis.model import text
from analysis.io.atomic import atomic_write

__all__ = ["write_report_html", "CSS"]

CSS = """
:root { --ink: #222; --rule: #999; --head: #E8EEF4; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
       max-width: 52em; margin: 2em auto; padding: 0 1em; color: var(--ink); line-height: 1.7; }
h1 { text-align: center; font-size: 1.6em; line-height: 1.4; }
h1, h2, h3, nav { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "PingFang SC", sans-serif; }
h2 { border-bottom: 1px solid var(--rule); padding-bottom: .2em; margin-top: 1.8em; }
.meta { text-align: center; color: #555; margin: .2em 0; }
.stamp { text-align: center; color: #B2182B; font-weight: bold; }
nav.toc { border: 1px solid #ccc; padding: .5em 1.2em; margin: 1.5em 0; }
nav.toc ol { margin: .3em 0; padding-left: 1em; list-style: none; }
table.targets td:nth-child(2), table.targets td:last-child, table.targets td:nth-child(6) { white-space: nowrap; }
table.counts { width: auto; min-width: 40%; }
table.ledger td:nth-child(2), table.ledger td:nth-child(3), table.check td:nth-child(2) { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 .3em; font-size: .86em; }
th, td { border: 1px solid var(--rule); padding: .25em .4em; vertical-align: top; }
th { background: var(--head); text-align: left; }
td.num { text-align: right; white-space: nowrap; }
tr.focus td { font-weight: bold; }
caption { caption-side: top; font-weight: bold; text-align: left; padding-bottom: .3em; }
.footnote { font-size: .85em; color: #555; }
figure { margin: 1em 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }
figure img { max-width: 100%; height: auto; }
figcaption { font-weight: bold; font-size: .9em; }
@media screen and (max-width: 40em) {  /* a phone: a wide table scrolls in its own box, the page does not */
  body { margin: 1em auto; padding: 0 .6em; }
  table { display: block; overflow-x: auto; max-width: 100%; }
  table.counts { min-width: 0; }
}
@page { size: A4; margin: 20mm 18mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  nav.toc { page-break-after: always; break-after: page; }
  h2 { page-break-after: avoid; break-after: avoid; }
  tr, figure { page-break-inside: avoid; break-inside: avoid; }
  figure img { max-height: 235mm; width: auto; max-width: 100%; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(x) -> str:
    return html.escape(str(x), quote=True)


def _is_num(s: str) -> bool:
    s = str(s).replace(",", "").replace("%", "").replace("<", "").replace(">", "").strip()
    try:
        float(s)
    except ValueError:
        return False
    return True


def _table(df: pd.DataFrame, caption: str | None = None, *, status=None, focus=None, cls: str = "") -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in df.columns)
    rows = []
    for i, values in enumerate(df.itertuples(index=False)):
        cells = []
        for j, v in enumerate(values):
            style = ""
            if status is not None and j == len(values) - 1:
                style = f' style="background:{_tint(status_color(status[i]))}"'
            num = ' class="num"' if _is_num(v) else ""
            cells.append(f"<td{num}{style}>{_e(v)}</td>")
        tr = ' class="focus"' if focus is not None and focus[i] else ""
        rows.append(f"<tr{tr}>{''.join(cells)}</tr>")
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    klass = f' class="{cls}"' if cls else ""
    return f"<table{klass}>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _tint(hex_colour: str, mix: float = 0.55) -> str:
    h = hex_colour.lstrip("#")
    rgb = [int(h[k:k + 2], 16) for k in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * mix):02X}" for c in rgb)


def write_report_html(content: ReportContent, path: str | Path) -> Path:
    """Write the report page to ``path``; figure links are relative to its folder."""
    path = Path(path)
    lang = content.lang
    base = path.parent
    counters = {"table": 0, "figure": 0}
    toc: list[tuple[str, str, int]] = []
    body: list[str] = []

    def heading(level: int, title: str, anchor: str) -> None:
        toc.append((anchor, title, level))
        body.append(f'<h{level} id="{anchor}">{_e(title)}</h{level}>')

    def table(df, title, **kw) -> None:
        counters["table"] += 1
        body.append(_table(df, t("report.table_caption", lang, n=counters["table"], title=title), **kw))

    def figure(slug: str, sources_table: int | None = None) -> None:
        item = content.figures.get(slug)
        if item is None or not Path(item[2]).exists():
            return
        _, title, png = item
        counters["figure"] += 1
        rel = content.hrefs.get(slug) or Path(os.path.relpath(Path(png).resolve(), base.resolve())).as_posix()
        cap = t("report.figure_caption", lang, n=counters["figure"], title=title)
        if sources_table:
            cap = t("report.figure_caption_sources", lang, caption=cap, n=sources_table)
        body.append(f'<figure><img src="{_e(rel)}" alt="{_e(title)}"><figcaption>{_e(cap)}</figcaption></figure>')

    def region_block(part, level: int, prefix: str) -> None:
        heading(level, t("report.h.overview", lang), f"{prefix}overview")
        overview_part(part)
        heading(level, t("report.h.targets", lang), f"{prefix}targets")
        targets_part(part, level + 1, prefix)

    def overview_part(part) -> None:
        body.extend(f"<p>{_e(s)}</p>" for s in part.headline)
        total = sum(part.counts.values())
        counts = pd.DataFrame([[text.status_label(s, lang), n, f"{n / total * 100:.0f}%" if total else "—"]
                               for s, n in part.counts.items()],
                              columns=[t("report.col.status", lang), t("report.col.count", lang),
                                       t("report.col.share", lang)])
        table(counts, t("report.counts_table", lang), cls="counts")

    def targets_part(part, notes_level: int, prefix: str) -> None:
        table(part.table, t("report.targets_table", lang), status=part.table.attrs["status"], cls="targets")
        body.append(f'<p class="footnote">{_e(content.footnote)}</p>')
        heading(notes_level, t("report.h.paragraphs", lang), f"{prefix}notes")
        for (_, row), sentence in zip(part.rows.iterrows(), part.sentences):
            head, _ = text.sentence_parts(row, lang)
            body.append(f"<p><b>{_e(head)}</b>{_e(sentence[len(head):])}</p>")

    if content.multi_region:  # 一 with the regions compared, then each region; 二 each region's targets
        heading(2, t("report.h.overview", lang), "overview")
        body.append(f"<p>{_e(t('report.regions_intro', lang, n=len(content.regions), names=t('report.list_sep', lang).join(region_name(r.region, lang) for r in content.regions)))}</p>")
        table(content.overview, t("report.regions_table", lang))
        for k, part in enumerate(content.regions, start=1):
            heading(3, region_name(part.region, lang), f"region-{k}")
            overview_part(part)
        figure("scorecard")
        heading(2, t("report.h.targets", lang), "targets")
        for k, part in enumerate(content.regions, start=1):
            heading(3, region_name(part.region, lang), f"r{k}-targets")
            targets_part(part, 4, f"r{k}-")
        figure("fan_charts")
    else:
        region_block(content.regions[0], 2, "")
        for slug in ("scorecard", "growth", "fan_charts"):
            figure(slug)
    # 三 任务落实情况
    lp = content.ledger
    heading(2, t("report.h.ledger", lang), "ledger")
    if not lp.included:
        body.append(f'<p class="footnote">{_e(lp.note)}</p>')
    else:
        if lp.illustrative:
            body.append(f'<p class="stamp">{_e(t("report.ledger_illustrative", lang))}</p>')
        body.extend(f"<p>{_e(s)}</p>" for s in lp.headline)
        body.append(f'<p class="footnote">{_e(lp.source)}</p>')
        heading(3, t("report.h.ledger_tasks", lang), "ledger-tasks")
        table(lp.tables["status"], t("report.ledger_status_table", lang), cls="ledger")
        for slug in ("ledger_status", "ledger_units", "ledger_phases"):
            if slug in lp.figures:
                figure(slug)
        heading(3, t("report.h.ledger_late", lang), "ledger-late")
        late = lp.tables.get("late")
        if late is not None and len(late):
            table(late, t("report.ledger_late_table", lang), cls="ledger")
            if "ledger_late" in lp.figures:
                figure("ledger_late")
        else:
            body.append(f"<p>{_e(t('report.ledger_late_none', lang))}</p>")
        cons = lp.tables.get("consistency")
        if cons is not None:
            heading(3, t("report.h.ledger_consistency", lang), "ledger-consistency")
            body.append(f"<p>{_e(t('report.ledger_consistency_intro', lang))}</p>")
            table(cons, t("report.ledger_consistency_table", lang), cls="check", focus=cons.attrs.get("flag"))
            if "ledger_consistency" in lp.figures:
                figure("ledger_consistency")
        body.extend(f'<p class="footnote">{_e(t("report.ledger_notes", lang, notes=n))}</p>' for n in lp.notes)
    heading(2, t("report.h.sectors", lang), "sectors")
    sp = content.sectors
    if sp.table is not None:
        body.append(f"<p>{_e(sp.intro)}</p>")
        table(sp.table, sp.table.attrs["caption"], focus=sp.table.attrs.get("focus"))
        body.extend(f"<p>{_e(s)}</p>" for s in sp.sentences)
        for slug in ("sector_trends", "sector_rank_slope"):
            figure(slug)
    if sp.note:
        body.append(f'<p class="footnote">{_e(sp.note)}</p>')
    # 五 与全省、全国比较
    bp = content.benchmarks
    heading(2, t("report.h.benchmarks", lang), "benchmarks")
    body.extend(f"<p>{_e(s)}</p>" for s in bp.headline)
    if bp.table is not None:
        table(bp.table, t("report.bench_table", lang, sources=bp.sources))
        for slug in bp.figures:
            figure(slug, counters["table"])
    if bp.coverage is not None and len(bp.coverage):
        table(bp.coverage, t("report.bench_coverage_table", lang))
    if bp.not_compared:
        body.append(f"<p>{_e(bp.not_compared)}</p>")
    if bp.note:
        body.append(f'<p class="footnote">{_e(bp.note)}</p>')
    heading(2, t("report.h.issues", lang), "issues")
    for k, part in enumerate(content.regions, start=1):
        if content.multi_region:
            heading(3, region_name(part.region, lang), f"issues-{k}")
        if part.issues:
            body.append(f"<p>{_e(t('report.issues_intro', lang))}</p><ol>"
                        + "".join(f"<li>{_e(s)}</li>" for s in part.issues) + "</ol>")
        if part.unverified:  # short the year before an unreported deadline: report it, then judge (numbered on)
            body.append(f"<p>{_e(t('report.issues_unverified_intro', lang, deadline=part.unverified_deadline))}</p>"
                        f"<ol start=\"{len(part.issues) + 1}\">"
                        + "".join(f"<li>{_e(s)}</li>" for s in part.unverified) + "</ol>")
        if not part.issues and not part.unverified:  # ("keep the pace" only when nothing is short)
            body.append(f"<p>{_e(t('report.issues_none', lang))}</p>")
        if part.missing:
            body.append(f"<p>{_e(part.missing)}</p>")
    if content.ledger.issues:
        start = sum(len(p.issues) + len(p.unverified) for p in content.regions) + 1 if not content.multi_region else 1
        body.append(f"<p>{_e(t('report.ledger_issues_intro', lang))}</p><ol start=\"{start}\">"
                    + "".join(f"<li>{_e(s)}</li>" for s in content.ledger.issues) + "</ol>")
    heading(2, t("report.h.methods", lang), "methods")
    body.extend(f"<p>{_e(m)}</p>" for m in content.methods)
    if content.data_notes:
        heading(3, t("report.method.data_notes", lang), "data-notes")
        body.append("<ul>" + "".join(f"<li>{_e(x)}</li>" for x in content.data_notes) + "</ul>")
    heading(3, t("report.method.sources", lang), "sources")
    items = []
    for _, s in content.sources.iterrows():
        title = _e(s.get("title", ""))
        url = str(s.get("url", "") or "")
        producer = _e(s.get("producer", ""))
        link = f' <a href="{_e(url)}">{_e(url)}</a>' if url.startswith(("http://", "https://")) else ""
        items.append(f"<li>{title}{t('report.list_sep', lang) + producer if producer else ''}{link}</li>")
    body.append(f"<p>{_e(t('report.source', lang, source=content.source))}</p><ul>{''.join(items)}</ul>")

    nav = "".join(f'<li class="l{lvl}"><a href="#{a}">{_e(title)}</a></li>' for a, title, lvl in toc if lvl == 2)
    stamp = f'<p class="stamp">{_e(t("report.illustrative", lang))}</p>' if content.illustrative else ""
    # printed, in every page's top margin (CSS page-margin boxes), as the Word report's header
    stamp += ("<style>@page { @top-right { content: \"" + vocab.illustrative_stamp(lang) +
              "\"; color: #B2182B; font-size: 8pt; } }</style>") if content.illustrative else ""
    as_of = content.shown_as_of if content.shown_as_of is not None else "—"  # (the last year observed)
    page = f"""<!DOCTYPE html>
<html lang="{_e(t('report.lang_tag', lang))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(content.title)}</title>
<style>{CSS}</style>
</head>
<body>
<h1>{_e(content.title)}</h1>
<p class="meta">{_e(t('report.date', lang, date=content.date))}</p>
<p class="meta">{_e(t('report.source', lang, source=content.source))}{_e(t('report.sentence.sep', lang))}{_e(t('report.as_of', lang, year=as_of))}</p>
{"".join(f'<p class="meta">{_e(line)}</p>' for line in (content.stage_line, content.region_line, content.status_line) if line)}
{stamp}
<nav class="toc"><b>{_e(t('report.toc', lang))}</b><ol>{nav}</ol></nav>
{chr(10).join(body)}
</body>
</html>
"""
    with atomic_write(path) as fh:
        fh.write(page)
    return path
