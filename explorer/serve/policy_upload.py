"""A reader's uploaded policy (PDF, Word .docx or plain text) read into pages of text, as untrusted input.

Limits, stated to the reader (LIMITS_NOTE): the file's size, its pages, the wall-clock time and the memory a reading
may take. PDF and Word files are read in a child process forked per file by a small fork server
(explorer/serve/policy_extract_worker.py, its own interpreter); the child sets its own address-space and CPU limits,
runs at nice 10 and is killed at the time limit, so a hostile file can at worst end that child; the Streamlit
thread only waits on a pipe. Pages come back one by one as they are extracted, so a caller's on_page (the rules,
explorer/serve/policy_reading.read_file) reads each page while the child extracts the next. READERS_AT_ONCE fork servers per app process, each reading one file at a time, so a
flood of uploads queues instead of taking every core from other readers' pages.

The type is read from the bytes, never from the name (a zip renamed .pdf is named as such). Nothing is written to
disk: the bytes go to the child through a pipe and the text comes back through one; the caller keeps it in the
reader's session (st.session_state), never in a cache shared between sessions.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import select
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from io import BytesIO
from pathlib import Path

WORKER = Path(__file__).with_name("policy_extract_worker.py")

READERS_AT_ONCE = 2  # the machine has 2 cores: two readings at most, so other readers' pages keep a core
QUEUE_WAIT_S = 20.0
SERVER_GRACE_S = 5.0  # beyond the time limit, how long a fork server may take to answer before it is replaced
MIN_TEXT_CHARS = 40  # fewer letters than this in the whole file: no text layer worth the name
NAMES = {"pdf": "a PDF", "docx": "a Word (.docx) file", "text": "a plain-text file"}
EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".txt": "text", ".text": "text", ".md": "text"}
SIGNATURES = (  # what a file that is none of the three is, named from its first bytes
    (b"\xd0\xcf\x11\xe0", "an old Word .doc or a password-protected Office file: save it as .docx (without a password) or PDF"),
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


class BrokenAnswerError(Exception):
    """The fork server's answer was not what it sends (the server is replaced)."""


def _json(line: bytes) -> dict | str:
    try:
        return json.loads(line)
    except ValueError as e:
        raise BrokenAnswerError(str(e)) from e


class _ForkServer:
    """One fork server process (policy_extract_worker.py): a request at a time, each file read in a child of its own."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-I", str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )

    def ask(self, kind: str, raw: bytes, limits: Limits, on_page: Callable[[str], None] | None = None) -> dict:
        """The child's answer, its pages collected (each given to on_page as it arrives, in order)."""
        request = {
            "kind": kind,
            "size": len(raw),
            "max_pages": limits.max_pages,
            "memory_mb": limits.memory_mb,
            "cpu_s": int(limits.seconds) + 1,
            "seconds": limits.seconds,
        }
        try:
            self.proc.stdin.write(json.dumps(request).encode() + b"\n" + raw)
            self.proc.stdin.flush()
            return self._answer(limits, on_page)
        except BaseException:
            self.close()  # the stream may stand mid-answer: this server is not asked again
            raise

    def _answer(self, limits: Limits, on_page: Callable[[str], None] | None) -> dict:
        # The fork server kills the child at limits.seconds; the time spent in on_page (ours, not the file's) is not counted.
        fd, pending, pages, chars = self.proc.stdout.fileno(), b"", [], 0
        deadline = time.monotonic() + limits.seconds + SERVER_GRACE_S
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise EOFError
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in lines:
                if line.startswith(b"{"):  # the answer's last line
                    if pending:
                        raise BrokenAnswerError("bytes after the answer's last line")
                    return _json(line) | {"pages": pages}
                pages.append(_json(line))
                chars += len(pages[-1])
                if on_page is not None and chars <= limits.max_chars:  # past it the text is refused: no rules on it
                    started = time.monotonic()
                    on_page(pages[-1])
                    deadline += time.monotonic() - started

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


_servers: queue.Queue[_ForkServer | None] = queue.Queue()
for _ in range(READERS_AT_ONCE):
    _servers.put(None)  # started on first use: a server process that never reads a policy starts none


def _run_child(kind: str, raw: bytes, limits: Limits, on_page: Callable[[str], None] | None) -> dict:
    """The file read in a forked child of one of READERS_AT_ONCE fork servers; a server that misbehaves is replaced."""
    try:
        server = _servers.get(timeout=QUEUE_WAIT_S)
    except queue.Empty:
        return {
            "ok": False,
            "code": "busy",
            "message": f"other readings are running on this server; none finished within {QUEUE_WAIT_S:.0f} s. Try again.",
        }
    try:
        server = server if server is not None and server.proc.poll() is None else _ForkServer()
        return server.ask(kind, raw, limits, on_page)
    except (OSError, EOFError, TimeoutError, BrokenAnswerError):
        if server is not None:
            server.close()
        server = None
        return {
            "ok": False,
            "code": "memory",
            "message": "the reading was stopped: its reader failed (it may have needed more memory than a reading may use).",
        }
    finally:
        _servers.put(server)


def read_policy(name: str, raw: bytes, limits: Limits = LIMITS, on_page: Callable[[str], None] | None = None) -> Extracted:
    """The uploaded file's text, page by page, or a named refusal; never raises on bad input. on_page, if given, gets
    each page's text as soon as it is read, in order (when the reading then fails, the caller drops what it made)."""
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
        if on_page is not None and sum(len(p) for p in pages) <= limits.max_chars:
            for page in pages:
                on_page(page)
        result = {"ok": True, "pages": pages, "notes": []}
    else:
        result = _run_child(kind, raw, limits, on_page)
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
