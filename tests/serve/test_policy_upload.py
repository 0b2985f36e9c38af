"""An uploaded policy read as untrusted input: documents made here with fpdf2, pypdf and python-docx, each way it can
fail named, and the passages the rules find in what was read."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from explorer import policy_rules
from explorer.serve import policy_reading, policy_upload
from explorer.serve.policy_upload import Limits, read_policy
from tests import policy_files as pf


def readings(name: str, raw: bytes) -> dict[str, policy_rules.Reading]:
    extracted = read_policy(name, raw)
    assert extracted.ok, extracted.message
    return {r.rule.provision_id: r for r in policy_reading.read(extracted).readings}


def meeting_texts(r: policy_rules.Reading) -> list[str]:
    return [f.passage.text for f in r.meeting]


def test_a_text_pdf_is_read_page_by_page_and_its_passages_found_with_their_page():
    extracted = read_policy("ours.pdf", pf.text_pdf())
    assert extracted.ok and extracted.kind == "pdf" and len(extracted.pages) == 3
    assert extracted.extractor.startswith("pypdf ")
    assert "De-escalation" in extracted.pages[0] and "moving vehicle" in extracted.pages[1]
    got = readings("ours.pdf", pf.text_pdf())
    de, mv = got["de-escalation"], got["shooting-at-moving-vehicles"]
    assert de.reading == mv.reading == policy_rules.FOUND
    assert meeting_texts(de) == [pf.DE_ESCALATION] and de.meeting[0].passage.page == 1
    assert meeting_texts(mv) == [pf.MOVING_VEHICLE] and mv.meeting[0].passage.page == 2
    marked = [piece for piece, m in policy_rules.marked(de.meeting[0].passage.text, de.meeting[0].spans) if m]
    assert marked == ["shall use de-escalation"]
    assert got["chokeholds"].reading == policy_rules.NOT_FOUND and not got["chokeholds"].found


def test_a_two_column_pdf_keeps_each_columns_sentences_whole():
    got = readings("two-column.pdf", pf.two_column_pdf())
    assert meeting_texts(got["de-escalation"]) == [pf.DE_ESCALATION]
    assert meeting_texts(got["shooting-at-moving-vehicles"]) == [pf.MOVING_VEHICLE]


def test_a_word_file_is_read_with_its_page_break_and_table():
    extracted = read_policy("ours.docx", pf.docx_bytes())
    assert extracted.ok and extracted.kind == "docx" and extracted.extractor.startswith("python-docx ")
    assert len(extracted.pages) == 2 and pf.DE_ESCALATION in extracted.pages[0] and pf.MOVING_VEHICLE in extracted.pages[1]
    got = readings("ours.docx", pf.docx_bytes())
    assert got["duty-to-intervene"].meeting[0].passage.page == 2  # the table's cell, on the page after the break


def test_plain_text_pages_are_split_at_form_feeds():
    extracted = read_policy("ours.txt", "\f".join(pf.POLICY_PAGES).encode("utf-8") + b"\f")
    assert extracted.ok and len(extracted.pages) == 3 and extracted.pages[2].startswith("4. Duty to intervene")


@pytest.mark.parametrize(
    ("name", "make", "code", "words"),
    [
        ("scan.pdf", pf.image_only_pdf, "scanned", "no text could be read: this looks like a scanned document; no OCR is done"),
        ("locked.pdf", pf.encrypted_pdf, "encrypted", "the PDF is encrypted (password-protected)"),
        ("cut.pdf", lambda: pf.text_pdf()[:1500], "truncated", "truncated or damaged"),
        ("archive.pdf", pf.zip_bytes, "type_mismatch", "the file is named .pdf but its bytes are a zip archive, not a PDF"),
        ("huge.pdf", pf.blank_pages_pdf, "too_many_pages", "the PDF has 2,000 pages; at most 1,000 are read here"),
        ("policy.docx", pf.text_pdf, "type_mismatch", "the file is named .docx but its bytes are a PDF"),
        ("policy.doc", pf.docx_bytes, "wrong_type", "“.doc” files are not read here"),
        (
            "broken.pdf",
            lambda: b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 9 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n",
            "corrupt",
            "damaged",
        ),
        ("empty.txt", lambda: b"", "empty", "the file is empty"),
    ],
)
def test_each_way_a_file_can_fail_has_its_named_message(name, make, code, words):
    extracted = read_policy(name, make())
    assert extracted.code == code, extracted.message
    assert words in extracted.message
    assert not extracted.pages  # nothing half-read is kept


def test_a_pdf_encrypted_with_an_empty_password_is_read_and_says_so():
    extracted = read_policy("restricted.pdf", pf.encrypted_pdf(password=""))
    assert extracted.ok and len(extracted.pages) == 3
    assert any("empty password" in n for n in extracted.notes)


def test_the_size_limit_is_checked_before_anything_is_read():
    extracted = read_policy("big.pdf", b"%PDF-1.4\n" + b"0" * 200, Limits(max_bytes=100))
    assert extracted.code == "too_large" and "at most 100 are read here" in extracted.message


def test_a_reading_past_the_time_limit_is_stopped_and_named():
    extracted = read_policy("long.pdf", pf.long_pdf(50), Limits(seconds=0.05))
    assert extracted.code == "timeout" and "longer than 0.05 seconds and was stopped" in extracted.message


def test_a_reading_over_its_memory_limit_is_stopped_and_named():
    # 0.2 MB on the wire, 60 MB once its page is inflated: more than the 20 MB of address space allowed here (the warm
    # fork server's child has most of its own memory already, so a small file might fit in what the server left free)
    extracted = read_policy("inflating.pdf", pf.inflating_pdf(), Limits(memory_mb=20))
    assert extracted.code == "memory" and "more memory" in extracted.message
    assert not extracted.pages


def test_the_type_is_read_from_the_bytes():
    assert policy_upload.sniff(pf.text_pdf())[0] == "pdf"
    assert policy_upload.sniff(pf.docx_bytes())[0] == "docx"
    assert policy_upload.sniff(pf.zip_bytes()) == (None, "a zip archive")
    assert policy_upload.sniff(b"\x89PNG\r\n\x1a\n....") == (None, "a PNG image")
    assert policy_upload.sniff("Officers shall…".encode())[0] == "text"


def test_the_report_names_the_file_the_extractor_the_rules_and_the_release():
    extracted = read_policy("ours.pdf", pf.text_pdf())
    reading = policy_reading.read(extracted)
    names = {"de-escalation": "De-escalation"}
    files = policy_reading.report_files(reading, names, {"data_release": "2026.12.0", "release_date": "2026-12-03"}, None)
    md = files["md"].decode()
    assert extracted.sha256 in md and extracted.extractor in md and reading.rules_version in md and "2026.12.0" in md
    assert "never a verdict" in md and pf.DE_ESCALATION in md
    csv = files["csv"].decode()
    assert csv.splitlines()[0].startswith('"provision_id","provision","criterion_id","rule_reading","page"')
    assert pf.MOVING_VEHICLE in csv


def test_a_word_file_that_unpacks_too_large_is_refused_before_it_is_parsed():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * 60_000_000 + b"</w:document>")
    raw = out.getvalue()
    assert len(raw) < 200_000  # small on the wire: a zip bomb in miniature
    extracted = read_policy("bomb.docx", raw)
    assert extracted.code == "too_large" and "unpacks to 60,000," in extracted.message


def test_a_fork_server_that_died_is_replaced_and_the_next_reading_works():
    assert read_policy("ours.pdf", pf.text_pdf()).ok
    servers = [s for s in list(policy_upload._servers.queue) if s is not None]
    for s in servers:
        s.proc.kill()
        s.proc.wait()
    extracted = read_policy("ours.pdf", pf.text_pdf())
    assert extracted.ok and len(extracted.pages) == 3


def test_the_reading_taken_page_by_page_as_pages_arrive_is_the_reading_of_the_whole_text():
    raw = pf.long_pdf(12)
    arrived: list[str] = []
    extracted = read_policy("long.pdf", raw, on_page=arrived.append)
    assert extracted.ok and arrived == extracted.pages and len(arrived) == 12  # every page, in order, as it came
    streamed, whole = policy_reading.read_file("long.pdf", raw)[1], policy_reading.read(extracted)
    assert [(p.page, p.seq, p.text) for p in streamed.passages] == [(p.page, p.seq, p.text) for p in whole.passages]
    assert streamed.passages[-1].page == 12 and streamed.passages[-1].seq == len(whole.passages)
    for a, b in zip(streamed.readings, whole.readings, strict=True):
        assert a.rule.provision_id == b.rule.provision_id and a.reading == b.reading
        assert [(f.passage.seq, f.role, f.spans) for f in a.found] == [(f.passage.seq, f.role, f.spans) for f in b.found]
    de = {r.rule.provision_id: r for r in streamed.readings}["de-escalation"]
    assert [f.passage.page for f in de.meeting] == [p for p in range(1, 13) for _ in range(5)]  # five times on each page
    assert {f.passage.text for f in de.meeting} == {pf.DE_ESCALATION}


def test_read_file_gives_the_failure_and_no_reading_for_a_refused_file():
    extracted, reading = policy_reading.read_file("scan.pdf", pf.image_only_pdf())
    assert extracted.code == "scanned" and reading is None and not extracted.pages


def test_pages_sent_before_a_later_page_fails_are_dropped_with_the_failure_named():
    # Three text pages, then a page of 8 MB of text operators that pypdf takes many seconds to read: the first pages
    # reach on_page as they are read, the fourth runs past the time limit, the child is killed and nothing is kept
    writer = PdfWriter(clone_from=io.BytesIO(pf.text_pdf()))
    writer.append(PdfReader(io.BytesIO(pf.inflating_pdf(megabytes=8))))
    out = io.BytesIO()
    writer.write(out)
    arrived: list[str] = []
    started = time.monotonic()
    extracted = read_policy("slow.pdf", out.getvalue(), Limits(seconds=3), on_page=arrived.append)
    assert time.monotonic() - started < 3 + policy_upload.SERVER_GRACE_S
    assert extracted.code == "timeout" and "longer than 3 seconds and was stopped" in extracted.message and not extracted.pages
    assert len(arrived) == 3 and arrived[0].startswith("USE OF FORCE")  # the text pages came before the slow one
    extracted, reading = policy_reading.read_file("slow.pdf", out.getvalue(), Limits(seconds=3))
    assert extracted.code == "timeout" and reading is None


def test_a_slow_extraction_is_killed_at_the_time_limit_and_the_next_reading_is_whole():
    extracted, reading = policy_reading.read_file("long.pdf", pf.long_pdf(50), Limits(seconds=0.05))
    assert extracted.code == "timeout" and "longer than 0.05 seconds and was stopped" in extracted.message
    assert reading is None and not extracted.pages
    for server in [s for s in list(policy_upload._servers.queue) if s is not None]:
        children = Path(f"/proc/{server.proc.pid}/task/{server.proc.pid}/children").read_text().split()
        assert children == []  # the killed child is gone (and reaped): nothing reads on past its limit
    extracted, reading = policy_reading.read_file("ours.pdf", pf.text_pdf())  # the same servers answer the next file whole
    assert extracted.ok and len(extracted.pages) == 3 and reading is not None
    assert {r.rule.provision_id: r for r in reading.readings}["de-escalation"].meeting[0].passage.text == pf.DE_ESCALATION
