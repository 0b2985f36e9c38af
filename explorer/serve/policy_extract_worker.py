"""The process that reads uploaded policies' text: a small fork server, and one forked child per file.

explorer.serve.policy_upload starts this file (`python -I`, a fresh interpreter sharing nothing with Streamlit) as a
fork server: it imports pypdf and python-docx once, then for each file forks a child, which limits itself before it
touches a byte (address space, CPU seconds, no file writes, nice 10), reads the file and answers
{"ok": true, "pages": [...], "notes": [...]} or {"ok": false, "code": ..., "message": ...}. The server kills a child
at the wall-clock limit. A hostile file can at worst end its own child; nothing is ever written to a file.
Forking a warm server instead of starting an interpreter per file saves about 0.3 s a reading (interpreter + pypdf import).
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
from typing import BinaryIO

MAX_DOCX_XML_BYTES = 50_000_000  # the declared uncompressed size of a .docx's parts: a zip bomb is refused before it is opened


def fail(code: str, message: str) -> dict:
    return {"ok": False, "code": code, "message": message}


def read_pdf(raw: bytes, max_pages: int) -> dict:
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
        pages = [(page.extract_text() or "") for page in reader.pages]
    except FileNotDecryptedError:
        return fail("encrypted", "the PDF is encrypted (password-protected): its text cannot be read here, and no password is asked for.")
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as e:
        return fail("corrupt", f"the PDF is damaged and could not be read (pypdf: {str(e)[:200] or type(e).__name__}).")
    return {"ok": True, "pages": pages, "notes": notes}


def read_docx(raw: bytes) -> dict:
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
    return {"ok": True, "pages": ["\n".join(p) for p in pages], "notes": []}


def limit_self(memory_mb: int, cpu_s: int) -> None:
    """Before touching the untrusted bytes: cap this process's address space, CPU seconds and file writes; lower its priority."""
    os.nice(10)
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def read_one(kind: str, raw: bytes, max_pages: int) -> dict:
    try:
        return read_pdf(raw, max_pages) if kind == "pdf" else read_docx(raw)
    except MemoryError:
        return fail("memory", "reading the file needed more memory than a reading may use here.")
    except zipfile.BadZipFile as e:
        return fail("corrupt", f"the Word file is damaged and could not be read ({e}).")


def _read_exact(stream: BinaryIO, n: int) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise EOFError
    return data


def _reply(out: dict) -> None:
    body = json.dumps(out).encode("utf-8")
    sys.stdout.buffer.write(b"%d\n" % len(body) + body)
    sys.stdout.buffer.flush()


def child(request: dict, raw: bytes, w: int) -> None:
    """In the forked child: limit itself, read, write the JSON to the pipe, exit without running any cleanup."""
    try:
        limit_self(request["memory_mb"], request["cpu_s"])
        body = json.dumps(read_one(request["kind"], raw, request["max_pages"])).encode("utf-8")
        view = memoryview(body)
        while view:
            view = view[os.write(w, view) :]
    finally:
        os._exit(0)


def relay(pid: int, r: int, seconds: float) -> dict:
    """In the fork server: the child's answer, or a named failure when it runs past its time or dies."""
    chunks, deadline = [], time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([r], [], [], left)[0]:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return fail("timeout", f"reading took longer than {seconds:g} seconds and was stopped.")
        chunk = os.read(r, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    try:
        return json.loads(b"".join(chunks))
    except ValueError:  # killed by its memory or CPU limit before it answered (status says which signal)
        return fail("memory", f"the reading was stopped: it needed more memory or CPU time than a reading may use (status {status}).")


def serve() -> int:
    """The fork server: pypdf and python-docx imported once; per request (a JSON line, then the file's bytes) a forked
    child reads the file under its limits; the answer goes back as its length in digits, a newline, then the JSON."""
    import docx  # noqa: F401 - imported here once, so a forked child does not pay for it
    import pypdf  # noqa: F401

    stdin = sys.stdin.buffer
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
            out = relay(pid, r, request["seconds"])
        finally:
            os.close(r)
        _reply(out)
    return 0


if __name__ == "__main__":
    sys.exit(serve())
