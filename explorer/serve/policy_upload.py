"""A reader's uploaded policy (PDF, Word .docx or plain text) read into pages of text, as untrusted input.

Limits, stated to the reader (LIMITS_NOTE): the file's size, its pages, the wall-clock time and the memory a reading
may take. PDF and Word files are read in a child process (explorer/serve/policy_extract_worker.py) that sets its own
address-space and CPU limits, runs at nice 10 and is killed at the time limit, so a hostile file can at worst end
that process; the server's thread only waits on a pipe. At most READERS_AT_ONCE readings run at a time per server
process, so a flood of uploads queues instead of taking every core from other readers' pages.

The type is read from the bytes, never from the name (a zip renamed .pdf is named as such). Nothing is written to
disk: the bytes go to the child through a pipe and the text comes back through one; the caller keeps it in the
reader's session (st.session_state), never in a cache shared between sessions.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from importlib.metadata import version
from io import BytesIO
from pathlib import Path

WORKER = Path(__file__).with_name("policy_extract_worker.py")

READERS_AT_ONCE = 2  # the machine has 2 cores: two readings at most, so other readers' pages keep a core
QUEUE_WAIT_S = 20.0
MIN_TEXT_CHARS = 40  # fewer letters than this in the whole file: no text layer worth the name
NAMES = {"pdf": "a PDF", "docx": "a Word (.docx) file", "text": "a plain-text file"}
EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".txt": "text", ".text": "text", ".md": "text"}
SIGNATURES = (  # what a file that is none of the three is, named from its first bytes
    (b"\xd0\xcf\x11\xe0", "an old Word .doc (or other Office 97-2003) file: save it as .docx or PDF"),
    (b"{\\rtf", "an RTF file: save it as .docx or PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"%!PS", "a PostScript file"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20_000_000
    max_pages: int = 1_000  # Anchorage's whole 604-page manual fits; a 2,000-page file does not
    seconds: float = 30.0  # wall clock for one reading, the child killed after it
    memory_mb: int = 1_024  # the child's address space
    max_chars: int = 10_000_000


LIMITS = Limits()
LIMITS_NOTE = (
    f"PDF, Word (.docx) or plain text; at most {LIMITS.max_bytes // 1_000_000} MB, {LIMITS.max_pages:,} pages, "
    f"{LIMITS.seconds:.0f} seconds of reading. Scanned pages are not read (no OCR is done)."
)
_slots = threading.BoundedSemaphore(READERS_AT_ONCE)


@dataclass
class Extracted:
    name: str
    sha256: str
    size: int
    kind: str | None = None  # pdf, docx, text
    pages: list[str] = field(default_factory=list)
    extractor: str = ""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    code: str | None = None  # None when the text was read; else a named failure (too_large, scanned, encrypted, ...)
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.code is None


def extractor_name(kind: str) -> str:
    """The library that reads this kind of file, with its installed version (named in the reading's report)."""
    if kind == "pdf":
        return f"pypdf {version('pypdf')}"
    if kind == "docx":
        return f"python-docx {version('python-docx')}"
    return "Python's UTF-8 / Windows-1252 decoder"


def sniff(raw: bytes) -> tuple[str | None, str]:
    """(kind or None, what the bytes are, in words)."""
    if b"%PDF-" in raw[:1024]:
        return "pdf", NAMES["pdf"]
    if raw[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(BytesIO(raw)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx", NAMES["docx"]
        except zipfile.BadZipFile:
            return None, "a damaged zip archive"
        return None, "a zip archive"
    for signature, what in SIGNATURES:
        if raw.startswith(signature):
            return None, what
    head = raw[:65_536]
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or (b"\x00" not in head):
        return "text", NAMES["text"]
    return None, "a binary file of an unknown type"


def decode_text(raw: bytes) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _refuse(out: Extracted, code: str, message: str) -> Extracted:
    out.code, out.message = code, message
    return out


def _run_child(kind: str, raw: bytes, limits: Limits) -> dict:
    """The worker as a fresh interpreter (-I: no environment, no user site), the bytes on its stdin, a dict on its stdout."""
    args = [sys.executable, "-I", str(WORKER), kind, str(limits.max_pages), str(limits.memory_mb), str(int(limits.seconds) + 1)]
    try:
        done = subprocess.run(args, input=raw, capture_output=True, timeout=limits.seconds, check=False)
    except subprocess.TimeoutExpired:  # subprocess.run kills the child before raising
        return {"ok": False, "code": "timeout", "message": f"reading took longer than {limits.seconds:g} seconds and was stopped."}
    if done.returncode != 0 or not done.stdout:  # killed by its memory or CPU limit, or a crash in the reader
        return {
            "ok": False,
            "code": "memory",
            "message": "the reading was stopped: it needed more memory or CPU time than a reading may use.",
        }
    return json.loads(done.stdout)


def read_policy(name: str, raw: bytes, limits: Limits = LIMITS) -> Extracted:
    """The uploaded file's text, page by page, or a named refusal; never raises on bad input."""
    out = Extracted(name=name, sha256=hashlib.sha256(raw).hexdigest(), size=len(raw))
    started = time.perf_counter()
    if len(raw) > limits.max_bytes:
        return _refuse(out, "too_large", f"the file is {len(raw):,} bytes; at most {limits.max_bytes:,} are read here.")
    if not raw:
        return _refuse(out, "empty", "the file is empty.")
    suffix = Path(name).suffix.lower()
    named = EXTENSIONS.get(suffix)
    kind, what = sniff(raw)
    if named is None:
        return _refuse(
            out, "wrong_type", f"“{suffix or 'no extension'}” files are not read here: upload a PDF, a Word .docx or a .txt file."
        )
    if kind != named:
        return _refuse(out, "type_mismatch", f"the file is named {suffix} but its bytes are {what}, not {NAMES[named]}.")
    out.kind, out.extractor = kind, extractor_name(kind)
    if kind == "pdf" and b"%%EOF" not in raw[-2048:]:
        return _refuse(
            out, "truncated", "the PDF ends before its end-of-file marker (%%EOF): it is truncated or damaged. Upload the whole file."
        )
    if kind == "text":
        pages = decode_text(raw).replace("\r\n", "\n").split("\f")
        if pages and not pages[-1].strip():
            pages = pages[:-1]  # a form feed ends each page, the last one too
        if len(pages) > limits.max_pages:
            return _refuse(
                out, "too_many_pages", f"the text has {len(pages):,} pages (form feeds); at most {limits.max_pages:,} are read here."
            )
        result = {"ok": True, "pages": pages, "notes": []}
    else:
        if not _slots.acquire(timeout=QUEUE_WAIT_S):
            return _refuse(out, "busy", f"other readings are running on this server; none finished within {QUEUE_WAIT_S:.0f} s. Try again.")
        try:
            result = _run_child(kind, raw, limits)
        finally:
            _slots.release()
    out.seconds = time.perf_counter() - started
    if not result["ok"]:
        return _refuse(out, result["code"], result["message"])
    pages = result["pages"]
    out.notes = list(result.get("notes", []))
    if sum(len(p) for p in pages) > limits.max_chars:
        return _refuse(out, "too_much_text", f"the file holds more than {limits.max_chars:,} characters of text; that is not one policy.")
    if sum(1 for p in pages for c in p if c.isalpha()) < MIN_TEXT_CHARS:
        if kind == "pdf":
            return _refuse(out, "scanned", "no text could be read: this looks like a scanned document; no OCR is done.")
        return _refuse(out, "no_text", "no text could be read: the file holds no words.")
    blank = [i for i, p in enumerate(pages, start=1) if not p.strip()]
    if blank and kind == "pdf":
        shown = ", ".join(map(str, blank[:20])) + (" …" if len(blank) > 20 else "")
        out.notes.append(f"{len(blank)} page(s) gave no text (scanned images? no OCR is done): {shown}.")
    out.pages = pages
    return out
