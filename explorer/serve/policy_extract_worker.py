"""The child process that reads an uploaded policy's text: the bytes on stdin, one JSON object on stdout.

Started per file by explorer.serve.policy_upload (`python -I`), it limits itself before it reads a byte (address
space, CPU seconds, no file writes, nice 10) and is killed at the wall-clock limit, so a hostile file can at worst
end this process. It writes {"ok": true, "pages": [...], "notes": [...]} or {"ok": false, "code": ..., "message": ...}
to stdout and never writes a file.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import zipfile

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


def main() -> int:
    """argv: kind, page limit, memory MB, CPU seconds; the file's bytes on stdin; one JSON object on stdout."""
    kind, max_pages, memory_mb, cpu_s = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    limit_self(memory_mb, cpu_s)
    raw = sys.stdin.buffer.read()
    try:
        out = read_pdf(raw, max_pages) if kind == "pdf" else read_docx(raw)
    except MemoryError:
        out = fail("memory", "reading the file needed more memory than a reading may use here.")
    except zipfile.BadZipFile as e:
        out = fail("corrupt", f"the Word file is damaged and could not be read ({e}).")
    sys.stdout.write(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
