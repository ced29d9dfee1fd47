"""The self-assessment summary a firm keeps, as PDF: the same report the page shows.

The PDF uses DejaVu Sans (bundled in ``assets/fonts``, licence beside it) so curly quotes,
accents and "≈" print as on screen.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
from fpdf import FPDF

from trade_mission.data.queries import SourceDocument
from trade_mission.paths import FONT_DIR
from trade_mission.reports.assessment import AssessmentReport
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t

FONT = "DejaVuSans"
# Millimetres a cell keeps beside its longest word, for the rounding of the line breaker.
CELL_SLACK = 1.0
TEXT_COLOUR = (31, 31, 31)
MUTED_COLOUR = (80, 80, 80)


class _Document(FPDF):
    def __init__(self, footer_text: str, lang: Language):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.language = lang
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_lang(lang)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*MUTED_COLOUR)
        self.cell(0, 5, f"{self.footer_text}  ·  {self.page_no()}", align="C")

    def heading(self, text: str, size: float = 12) -> None:
        self.ln(2)
        self.set_font(FONT, "B", size)
        self.set_text_color(*TEXT_COLOUR)
        self.multi_cell(0, size * 0.55, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text: str, size: float = 9.5, muted: bool = False) -> None:
        self.set_font(FONT, "", size)
        self.set_text_color(*(MUTED_COLOUR if muted else TEXT_COLOUR))
        self.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def quote(self, text: str) -> None:
        """A passage of the page, in the quotation marks of the summary's language."""
        self.set_x(self.l_margin + 5)
        self.set_font(FONT, "", 8.5)
        self.set_text_color(*MUTED_COLOUR)
        shown = t("pdf.quoted", self.language, text=formatting.one_line(text))
        self.multi_cell(0, 4.3, shown, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def address(self, url: str, size: float = 9.5) -> None:
        """A web address on a line of its own, as a link, never broken: the type shrinks
        until it fits the line."""
        while size > 5 and self._string_width(url, size) > self.epw:
            size -= 0.5
        self.set_font(FONT, "", size)
        self.set_text_color(*MUTED_COLOUR)
        self.cell(0, size * 0.5, url, link=url, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def _string_width(self, text: str, size: float) -> float:
        self.set_font(FONT, "", size)
        return self.get_string_width(text)

    def link_line(self, label: str, url: str) -> None:
        """ "Trade Commissioner Service:" then its address, unbroken, beneath."""
        self.paragraph(label)
        self.set_x(self.l_margin + 5)
        self.address(url, 8.5)

    def frame_table(self, frame: pd.DataFrame, widths: tuple[int, ...]) -> None:
        self.set_font(FONT, "", 8.5)
        self.set_text_color(*TEXT_COLOUR)
        with super().table(
            col_widths=self.fitted_widths(frame, widths),
            text_align="LEFT",
            line_height=4.4,
            first_row_as_headings=True,
        ) as grid:
            grid.row([str(column) for column in frame.columns])
            for values in frame.itertuples(index=False):
                grid.row([str(value) for value in values])
        self.ln(2)

    def fitted_widths(self, frame: pd.DataFrame, widths: tuple[int, ...]) -> tuple[float, ...]:
        """``widths`` (relative), widened where a column's longest word would not fit its
        share of the page, taken from the columns with room to spare: a word wider than
        its cell is broken mid-word ("Representa/tion")."""
        page = self.epw
        shares = [page * width / sum(widths) for width in widths]
        needs = []
        for index, column in enumerate(frame.columns):
            self.set_font(FONT, "B", 8.5)  # the heading row is bold
            heading = max((self.get_string_width(w) for w in words(column)), default=0.0)
            self.set_font(FONT, "", 8.5)
            cells = max(
                (
                    self.get_string_width(word)
                    for value in frame.iloc[:, index]
                    for word in words(value)
                ),
                default=0.0,
            )
            needs.append(max(heading, cells) + 2 * self.c_margin + CELL_SLACK)
        short = sum(max(0.0, need - share) for need, share in zip(needs, shares, strict=True))
        room = sum(max(0.0, share - need) for need, share in zip(needs, shares, strict=True))
        if short == 0 or room < short:  # nothing to fix, or no way to fit every word
            return tuple(shares)
        return tuple(
            need if need > share else share - short * (share - need) / room
            for need, share in zip(needs, shares, strict=True)
        )


def words(value: object) -> list[str]:
    """What a line may not break: the runs between ordinary spaces. A no-break space joins
    ("✗\u00a0Not\u00a0met" is one), unlike ``str.split``, which breaks at it."""
    return [word for word in re.split(r"[ \t\n]+", str(value)) if word]


def assessment_pdf(
    report: AssessmentReport, source: SourceDocument, as_of: dt.datetime, lang: Language
) -> bytes:
    """The summary a firm keeps: date, verdict, reasons, next steps, answers, source."""
    document = _Document(
        t("pdf.footer", lang, publisher=source.publisher, title=source.title), lang
    )
    document.set_title(t("pdf.title", lang))
    document.set_creator(t("pdf.creator", lang))
    document.add_page()

    document.heading(t("pdf.title", lang), 16)
    document.paragraph(
        t("pdf.prepared", lang, date=formatting.date(as_of.date(), lang)), muted=True
    )
    document.paragraph(t("pdf.not_an_application", lang), muted=True)

    document.heading(t("pdf.result", lang))
    document.paragraph(report.verdict.text, 11)
    if report.not_selection and report.not_selection_quote:
        document.paragraph(report.not_selection)
        document.quote(report.not_selection_quote)

    document.heading(t("pdf.criteria", lang))
    document.frame_table(report.criteria, (40, 22, 60, 52))

    if report.market is not None:
        document.heading(report.market.title)
        document.paragraph(report.market.never_changes_verdict)
        document.paragraph(report.market.canada_heading)
        document.frame_table(report.market.table, (46, 26, 28, 24, 22, 28))
        document.paragraph(report.market.derived, 8, muted=True)
        document.paragraph(report.market.source, 8, muted=True)
        if report.market.mexico_table is not None:
            document.paragraph(report.market.mexico_heading)
            document.frame_table(report.market.mexico_table, (42, 28, 26, 24, 28, 26))
            document.paragraph(report.market.mexico_source, 8, muted=True)
        for line in report.market.places:
            document.paragraph("• " + line)

    if report.instead is not None:
        document.heading(t("assessment.instead", lang))
        document.paragraph(report.instead)
    else:
        document.heading(t("pdf.b2b", lang))
        document.paragraph(report.b2b)
        document.quote(report.b2b_quote)

        document.heading(t("pdf.where", lang))
        document.paragraph(
            "\n".join(report.where) if report.where else t("eligibility.no_sector_cities", lang)
        )

        document.heading(t("pdf.registration", lang))
        document.paragraph(report.registration.text)

        document.heading(t("pdf.representatives", lang))
        for warning in report.representatives:
            document.paragraph("• " + warning)
        document.quote(report.representatives_quote)

        document.heading(t("pdf.application_advice", lang))
        for quote in report.advice_quotes:
            document.quote(quote)

        document.heading(t("practical.heading", lang))
        for fact in report.practical:
            document.paragraph("• " + fact.line)
            document.quote(fact.quote)
            if fact.place and fact.url:
                document.link_line(fact.place, fact.url)
        document.heading(t("assessment.help", lang))
    for link in report.help:
        document.link_line(link.label, link.url)

    document.heading(t("pdf.answers", lang))
    document.frame_table(report.answers, (120, 54))

    document.heading(t("pdf.source", lang))
    document.paragraph(
        t("pdf.source_line", lang, publisher=source.publisher, title=source.title), muted=True
    )
    document.address(source.url, 8.5)
    return bytes(document.output())
