"""The process that reads uploaded policies' text: a small fork server, and one forked child per file.

explorer.serve.policy_upload starts this file (`python -I`, a fresh interpreter sharing nothing with Streamlit) as a
fork server: it imports pypdf and python-docx once, then for each file forks a child, which limits itself before it
touches a byte (address space, CPU seconds, no file writes, nice 10), reads the file and answers one line per
page as it is extracted (the page's text as a JSON string), then one last line, a JSON object: {"ok": true, "notes":
[...]} or {"ok": false, "code": ..., "message": ...}. Pages stream so the caller can run its rules on each page while
the next is extracted (two cores at once). The server relays whole lines only and kills a child at the wall-clock
limit; whatever happens, each request's answer ends with exactly one object line. A hostile file can at worst end its
own child; nothing is ever written to a file. Forking a warm server instead of starting an interpreter per file saves
about 0.3 s a reading (interpreter + pypdf import); the server also reads a small PDF of its own once, so the lazy
parts of pypdf's text extraction are loaded before the fork, not in every child (about 0.02 s a reading).
"""

from __future__ import annotations

import io
import json
import os
import resource
import select
import signal
import sys
import time
import zipfile
from collections.abc import Callable
from typing import BinaryIO

MAX_DOCX_XML_BYTES = 50_000_000  # the declared uncompressed size of a .docx's parts: a zip bomb is refused before it is opened


def fail(code: str, message: str) -> dict:
    return {"ok": False, "code": code, "message": message}


def read_pdf(raw: bytes, max_pages: int, send: Callable[[str], None]) -> dict:
    """Each page's text to send() as it is extracted; then {"ok": true, "notes": [...]} or a named failure."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    notes: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError):
                opened = 0
            if not opened:
                return fail(
                    "encrypted",
                    "the PDF is encrypted (password-protected): its text cannot be read here, and no password is asked for. "
                    "Save or print it to a PDF without a password and upload that.",
                )
            notes.append("The PDF is encrypted with an empty password (copy or print restrictions only); it was read.")
        count = len(reader.pages)
        if count > max_pages:
            return fail(
                "too_many_pages",
                f"the PDF has {count:,} pages; at most {max_pages:,} are read here. Upload the use-of-force chapter alone.",
            )
        for page in reader.pages:
            send(page.extract_text() or "")
    except FileNotDecryptedError:
        return fail("encrypted", "the PDF is encrypted (password-protected): its text cannot be read here, and no password is asked for.")
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as e:
        return fail("corrupt", f"the PDF is damaged and could not be read (pypdf: {str(e)[:200] or type(e).__name__}).")
    return {"ok": True, "notes": notes}


def read_docx(raw: bytes, send: Callable[[str], None]) -> dict:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        declared = sum(i.file_size for i in z.infolist())
        if declared > MAX_DOCX_XML_BYTES:
            return fail("too_large", f"the Word file unpacks to {declared:,} bytes; at most {MAX_DOCX_XML_BYTES:,} are read here.")
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError) as e:
        return fail("corrupt", f"the Word file is damaged and could not be read (python-docx: {str(e)[:200]}).")
    pages: list[list[str]] = [[]]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for block in document.element.body.iterchildren():
        if block.tag == w + "p":
            texts = []
            for node in block.iter():
                if node.tag == w + "t" and node.text:
                    texts.append(node.text)
                elif node.tag == w + "tab":
                    texts.append("\t")
                elif node.tag == w + "br" and node.get(w + "type") == "page":
                    pages[-1].append("".join(texts))
                    texts = []
                    pages.append([])
            pages[-1].append("".join(texts))
        elif block.tag == w + "tbl":  # a table's rows, its cells joined by tabs
            for row in block.iter(w + "tr"):
                cells = ["".join(t.text or "" for t in cell.iter(w + "t")) for cell in row.iter(w + "tc")]
                pages[-1].append("\t".join(cells))
    for page in pages:
        send("\n".join(page))
    return {"ok": True, "notes": []}


def limit_self(memory_mb: int, cpu_s: int) -> None:
    """Before touching the untrusted bytes: cap this process's address space, CPU seconds and file writes; lower its priority."""
    os.nice(10)
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def read_one(kind: str, raw: bytes, max_pages: int, send: Callable[[str], None]) -> dict:
    try:
        return read_pdf(raw, max_pages, send) if kind == "pdf" else read_docx(raw, send)
    except MemoryError:
        return fail("memory", "reading the file needed more memory than a reading may use here.")
    except zipfile.BadZipFile as e:
        return fail("corrupt", f"the Word file is damaged and could not be read ({e}).")


def _read_exact(stream: BinaryIO, n: int) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise EOFError
    return data


def _line(out: dict | str) -> bytes:
    return json.dumps(out).encode("utf-8") + b"\n"  # JSON escapes newlines: one message, one line


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def child(request: dict, raw: bytes, w: int) -> None:
    """In the forked child: limit itself, read, write each page and then the last line to the pipe, exit without cleanup."""
    try:
        limit_self(request["memory_mb"], request["cpu_s"])
        _write_all(w, _line(read_one(request["kind"], raw, request["max_pages"], lambda page: _write_all(w, _line(page)))))
    finally:
        os._exit(0)


def relay(pid: int, r: int, seconds: float, out: int) -> None:
    """In the fork server: the child's whole lines to out as they come, then its last line; or, when it runs past its
    time or dies before its last line, a named failure in place of it (a page line cut short is dropped)."""
    deadline, pending, last = time.monotonic() + seconds, b"", b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([r], [], [], left)[0]:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            _write_all(out, _line(fail("timeout", f"reading took longer than {seconds:g} seconds and was stopped.")))
            return
        chunk = os.read(r, 1 << 20)
        if not chunk:
            break
        pending += chunk
        cut = pending.rfind(b"\n") + 1
        if cut:
            whole, pending = pending[:cut], pending[cut:]
            last = whole[whole.rfind(b"\n", 0, -1) + 1 :]
            _write_all(out, whole)
    _, status = os.waitpid(pid, 0)
    if not last.startswith(b"{") or pending:  # killed by its memory or CPU limit before its last line
        _write_all(
            out,
            _line(fail("memory", f"the reading was stopped: it needed more memory or CPU time than a reading may use (status {status}).")),
        )


def warm_up() -> None:
    """Read a small PDF made here (no outside bytes), so pypdf's lazily loaded text-extraction parts are in the server."""
    from pypdf import PdfReader

    objects = [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources <</Font <</F1 4 0 R>>>> /Contents 5 0 R>>",
        b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>",
    ]
    stream = b"BT /F1 11 Tf 72 720 Td (Officers shall use de-escalation techniques.) Tj ET"
    objects.append(b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream")
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    pdf += b"trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    for page in PdfReader(io.BytesIO(bytes(pdf))).pages:
        page.extract_text()


def serve() -> int:
    """The fork server: pypdf and python-docx imported (and pypdf warmed) once; per request (a JSON line, then the
    file's bytes) a forked child reads the file under its limits; its answer goes back line by line (see above)."""
    import docx  # noqa: F401 - imported here once, so a forked child does not pay for it

    warm_up()
    stdin, out = sys.stdin.buffer, sys.stdout.fileno()
    while line := stdin.readline():
        request = json.loads(line)
        raw = _read_exact(stdin, request["size"])
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            child(request, raw, w)
        os.close(w)
        try:
            relay(pid, r, request["seconds"], out)
        finally:
            os.close(r)
    return 0


if __name__ == "__main__":
    sys.exit(serve())
