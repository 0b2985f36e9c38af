"""Policy documents made at test time with maintained libraries (fpdf2, pypdf, python-docx, Pillow), for the upload tests.

The words are written here for the tests (no real department's policy): each sentence is one the rules should find.
"""

from __future__ import annotations

import io
import zipfile

from fpdf import FPDF
from PIL import Image, ImageDraw
from pypdf import PdfWriter

DE_ESCALATION = "Officers shall use de-escalation techniques whenever possible before resorting to force."
MOVING_VEHICLE = (
    "Officers shall not discharge a firearm at a moving vehicle unless a person in the vehicle is threatening the officer "
    "with deadly force by means other than the vehicle itself."
)
INTERVENE = "Any officer present and observing another officer using unreasonable force shall intervene to prevent it."
WARNING = "When feasible, officers shall give a verbal warning before using deadly force."
FILLER = (
    "This general order applies to all sworn members of the department. Supervisors shall review every report submitted "
    "under this order within ten days. The order is reviewed each year by the training division."
)
POLICY_PAGES = [
    f"USE OF FORCE\n\n1. Purpose. {FILLER}\n\n2. De-escalation. {DE_ESCALATION}",
    f"3. Firearms. {MOVING_VEHICLE}\n\n{WARNING}",
    f"4. Duty to intervene. {INTERVENE}\n\n{FILLER}",
]


def text_pdf(pages: list[str] = POLICY_PAGES) -> bytes:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for text in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for para in text.split("\n\n"):
            pdf.multi_cell(0, 6, para)
            pdf.ln(4)
    return bytes(pdf.output())


def long_pdf(n_pages: int = 50) -> bytes:
    """A policy of n pages of body text, about 3,000 characters each (the bench's 50-page policy)."""
    body = " ".join([FILLER, DE_ESCALATION, MOVING_VEHICLE, INTERVENE, WARNING] * 5)
    return text_pdf([f"Section {i}. {body}" for i in range(1, n_pages + 1)])


def two_column_pdf() -> bytes:
    """One page, two columns: the de-escalation rule in the left column, the moving-vehicle rule in the right."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    left = f"{FILLER} {DE_ESCALATION} {FILLER}"
    right = f"{FILLER} {MOVING_VEHICLE} {FILLER}"
    pdf.set_xy(10, 20)
    pdf.multi_cell(90, 5, left)
    pdf.set_xy(110, 20)
    pdf.multi_cell(90, 5, right)
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """A 'scanned' page: the words drawn into an image, with no text layer."""
    img = Image.new("RGB", (1200, 400), "white")
    ImageDraw.Draw(img).text((20, 20), DE_ESCALATION, fill="black")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=10, y=10, w=190)
    return bytes(pdf.output())


def encrypted_pdf(password: str = "secret") -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf()))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pages_pdf(n: int = 2_000) -> bytes:
    writer = PdfWriter()
    for _ in range(n):
        writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def inflating_pdf(megabytes: int = 40) -> bytes:
    """One page whose compressed content stream (well under 1 MB) inflates to this many MB of text operators: reading it
    needs far more memory than its size on the wire."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = DictionaryObject(
        {NameObject(k): NameObject(v) for k, v in {"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica"}.items()}
    )
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    ops = b"BT /F1 11 Tf 72 720 Td (Officers shall use de-escalation techniques.) Tj ET\n"
    stream = DecodedStreamObject()
    stream.set_data(ops * (megabytes * 1_000_000 // len(ops)))
    page[NameObject("/Contents")] = writer._add_object(stream)
    page.compress_content_streams()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("policy.txt", DE_ESCALATION)
    return out.getvalue()


def docx_bytes() -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_heading("Use of Force", level=1)
    document.add_paragraph(DE_ESCALATION)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph(MOVING_VEHICLE)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Duty"
    table.rows[0].cells[1].text = INTERVENE
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
