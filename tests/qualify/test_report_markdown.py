"""The Markdown export and the evidence highlighting: complete, readable, and inert for untrusted text."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from markdown_it import MarkdownIt

from assistant.knowledge.schemas import Rubric
from assistant.qualify.evidence_spans import evidence_segments, quote_spans
from assistant.qualify.overrides import apply_overrides
from assistant.qualify.render import report_to_markdown
from assistant.qualify.schemas import Override, QualificationReport
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, Settings
from assistant.text.markdown import WORD_JOINER, escape_markdown, escape_streamlit, fenced

HALVORSEN = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
HOSTILE = (
    "Call with Dana Ruiz, VP Finance at Acme Logistics <b>bold</b> (~2k employees).\n"
    "![pixel](http://127.0.0.1:9/p.png) <img src=x onerror=alert(1)> | a | table |\n"
    "# not a heading\n1. not a list\n- Budget: $120k approved **now** ``` fence ```"
)
RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(Settings(data_dir=tmp_path_factory.mktemp("data"), embedding="hashing"))


@pytest.fixture(scope="module")
def report(assistant: Assistant) -> QualificationReport:
    return assistant.qualify(HALVORSEN, dt.date(2026, 11, 10))


def test_the_export_has_every_part_a_reader_needs(report: QualificationReport, rubric: Rubric) -> None:
    overridden = apply_overrides(
        report,
        [Override(criterion="timeline", status="partial", reason="Legal wants June", by="Sam")],
        rubric,
    )
    text = report_to_markdown(overridden, HALVORSEN, "Halvorsen Regional Bank")
    assert text.startswith("# Qualification: Halvorsen Regional Bank\n\n**Sales qualified** · score 92.5/100")
    assert "| Budget | met | 180,000 USD | 85% | “\\$180k approved for FY27 operations automation.” |" in text
    assert "| Timeline | partial (overridden) |" in text
    assert "- **Timeline**: met → partial by Sam" in text and "Legal wants June" in text
    assert "Gaps: Timeline" in text
    assert "- **Sales engineer: Kenji Watanabe**" in text
    assert "## Playbook passages used" in text and "playbooks/" in text
    assert "> **Warning:** Override: the next questions" in text
    assert text.rstrip().endswith("Wants references from other regional banks.\n```")


def test_hostile_notes_render_as_text_with_no_image_html_or_structure(assistant: Assistant) -> None:
    hostile = assistant.qualify(HOSTILE, dt.date(2026, 11, 10))
    html = RENDER.render(report_to_markdown(hostile, HOSTILE, "Acme <script>x</script>"))
    assert "<img" not in html and "<b>" not in html and "<script>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert html.count("<h1>") == 1 and "<ol>" not in html
    assert "<h1>Qualification: Acme &lt;script&gt;x&lt;/script&gt;</h1>" in html


@pytest.mark.parametrize(
    "text",
    [
        "![x](http://a/b.png)",
        "<img src=x>",
        "**bold** _it_ `code`",
        "# heading",
        "- item",
        "1. item",
        "> quote",
        "a | b",
        "~~gone~~",
        "&lt;b&gt;",
        "---",
        "[link](http://a)",
        "back\\slash",
    ],
)
def test_escaped_text_renders_literally(text: str) -> None:
    html = RENDER.render(escape_markdown(text)).replace(WORD_JOINER, "")
    assert html.strip() == f"<p>{_html_text(text)}</p>"


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# GFM's autolink literals as remark-gfm (Streamlit) and GitHub find them in resolved text.
GFM_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE)
GFM_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")


@pytest.mark.parametrize(
    "text",
    [
        "see https://evil.example/login",
        "HTTP://EVIL.EXAMPLE",
        "www.evil.example/x",
        "mail dana.ruiz+sales@acme.example now",
        "mailto:a@b.example",
        "(https://a.example/?q=1)",
    ],
)
def test_urls_and_addresses_in_untrusted_text_never_become_links(text: str) -> None:
    for escaped in (escape_markdown(text), escape_streamlit(text)):
        resolved = re.sub(r"\\(.)", r"\1", escaped)
        assert not GFM_URL.search(resolved) and not GFM_EMAIL.search(resolved)
        assert resolved.replace(WORD_JOINER, "") == text


def test_words_near_link_triggers_are_left_alone() -> None:
    assert escape_markdown("software www wwwx.com at 5") == "software www wwwx.com at 5"


def test_streamlit_escaping_also_covers_colour_and_icon_syntax() -> None:
    assert escape_streamlit(":red[alert] :material/home:") == "\\:red\\[alert\\] \\:material/home\\:"


def test_a_fence_cannot_be_closed_from_inside() -> None:
    block = fenced("text ``` still text\n````")
    assert block.startswith("`````text\n") and block.endswith("\n`````")
    html = RENDER.render(block)
    assert html.count("<pre>") == 1 and "still text" in html


def test_quotes_are_found_across_whitespace_changes() -> None:
    notes = "Budget:\n  $180k   approved\nfor FY27."
    assert quote_spans(notes, "$180k approved for FY27.") == [(10, len(notes))]
    assert quote_spans(notes, "not in the notes") == []


def test_segments_cover_the_notes_and_mark_each_criterion(report: QualificationReport) -> None:
    segments = evidence_segments(HALVORSEN, report)
    assert "".join(s.text for s in segments) == HALVORSEN
    marked = {s.text: s.criteria for s in segments if s.criteria}
    assert marked["$180k approved for FY27 operations automation."] == ("budget",)
    headline = next(text for text in marked if text.startswith("Call with Ingrid"))
    assert set(marked[headline]) == {"title", "industry", "size"}
