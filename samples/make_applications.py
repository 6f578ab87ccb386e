#!/usr/bin/env python3
"""Makes samples/applications/: twelve of the sample applicants' applications as documents, the way a
recruitment system hands them over, plus the applicant list, and the text twin the tests compare with.

Run from anywhere (Python 3, standard library only, plus Debian's LibreOffice, Ghostscript and qpdf):

    apt-get install -y --no-install-recommends libreoffice-writer libreoffice-calc hyphen-da \
        fonts-crosextra-carlito ghostscript qpdf
    python3 samples/make_applications.py

Every document is first written as a flat OpenDocument text (.fodt, XML) and then converted by
LibreOffice (headless) into the format the applicant is given below, so the PDF, Word and
OpenDocument files are what a word processor really writes: fonts with ligatures, automatic Danish
hyphenation in justified narrow columns, headers and footers on every page. What it writes:

- samples/applications/                 the documents (a subfolder per applicant, or loose files
                                        whose names start with the id; see samples/README.md)
- samples/applications/ansoegerliste.xlsx  the applicant list (structured columns, no free text)
- samples/applications-text.csv         the same applicants with the documents' text as it was
                                        written (paragraphs joined by blank lines; no headers or
                                        footers): what scoring the folder is compared with
- tests/data/documents/encrypted.pdf    a PDF that needs a password to open (qpdf, AES-256)
- tests/data/documents/owner-locked.pdf a PDF encrypted with an empty user password (opens freely)

LibreOffice stamps its files with the time of conversion, so each run changes their bytes but not
their text.
"""

import csv
import os
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "applications")
FIXTURES = os.path.join(ROOT, "tests", "data", "documents")

# The list's columns: everything but the free text, which arrives as documents.
LIST_COLUMNS = [
    "id", "name", "email", "phone", "title", "employer", "sector", "years_management",
    "years_leading_leaders", "budget_mio", "staff_led", "education", "leadership_education",
    "gender", "birth_year",
]

# id -> how the applicant's documents arrive: (file name, kind, format, layout).
# kind: "letter", "cv" or "both" (letter and CV in one file); format: pdf, docx, odt, txt, md,
# or "scan" (a PDF of page images, no text layer); layout: "plain", "columns" (the CV's experience
# in two columns) or "columns+cpr" (also a CPR number in the CV's header, for the blind-mode test).
APPLICANTS = {
    "A001": [("A001/Ansøgning.pdf", "letter", "pdf", "plain"),
             ("A001/CV Mette Kjærgaard Holm.pdf", "cv", "pdf", "columns+cpr")],
    "A003": [("A003 ansøgning.docx", "letter", "docx", "plain"),
             ("A003 CV.docx", "cv", "docx", "plain")],
    "A005": [("A005/ansøgning.odt", "letter", "odt", "plain"),
             ("A005/cv.odt", "cv", "odt", "plain")],
    "A007": [("A007 ansøgning og CV.pdf", "both", "pdf", "plain")],
    "A008": [("A008/ansoegning.pdf", "letter", "pdf", "plain"),
             ("A008/CV.pdf", "cv", "scan", "plain")],
    "A009": [("A009_ansoegning.docx", "letter", "docx", "plain"),
             ("A009_cv.pdf", "cv", "pdf", "plain")],
    "A010": [("A010-ansoegning.txt", "letter", "txt", "plain"),
             ("A010-cv.md", "cv", "md", "plain")],
    "A011": [("A011/application.docx", "letter", "docx", "plain"),
             ("A011/CV.pdf", "cv", "pdf", "columns")],
    "A012": [("A012 Ansøgning.pdf", "letter", "pdf", "plain"),
             ("A012 CV.odt", "cv", "odt", "plain")],
    "A021": [("A021/cover letter.pdf", "letter", "pdf", "plain"),
             ("A021/resume.docx", "cv", "docx", "columns")],
    "A022": [("A022/ansøgning.pdf", "letter", "pdf", "plain"),
             ("A022/cv.pdf", "cv", "pdf", "columns"),
             ("A022/foto.jpg", "photo", "jpg", "plain")],
    "A059": [("A059 application.pdf", "letter", "pdf", "plain"),
             ("A059 CV.docx", "cv", "docx", "plain")],
}

ENGLISH = {"A011", "A021", "A022", "A059"}
POST = "direktør med ansvar for økonomi, borgerservice og HR"
CPR = "120372-1234"


def letter(row):
    """The cover letter's paragraphs: (style, text)."""
    name, contact = row["name"], f"{row['email']} · {row['phone']}"
    if row["id"] in ENGLISH:
        return [
            ("Body", name), ("Body", contact),
            ("Heading", "Application for the post of director for finance, citizen service and HR"),
            ("Body", "Dear members of the selection committee,"),
            ("Body", f"I hereby apply for the post. {row['summary']}"),
            ("Body", f"I am currently {row['title']} at {row['employer']}, and I would welcome the "
                     "opportunity to tell you more in an interview."),
            ("Body", "Yours sincerely,"), ("Body", name),
        ]
    return [
        ("Body", name), ("Body", contact),
        ("Heading", f"Ansøgning til stillingen som {POST}"),
        ("Body", "Kære ansættelsesudvalg"),
        ("Body", f"Hermed søger jeg stillingen. {row['summary']}"),
        ("Body", f"Jeg er i dag {row['title'].lower()} i {row['employer']}, og jeg fortæller gerne "
                 "mere ved en samtale."),
        ("Body", "Med venlig hilsen"), ("Body", name),
    ]


def cv(row, layout):
    """The CV's paragraphs: (style, text); "Columns" paragraphs go in the two-column section."""
    english = row["id"] in ENGLISH
    current = "Current position" if english else "Nuværende stilling"
    experience = "Experience" if english else "Erhvervserfaring"
    education = "Education" if english else "Uddannelse"
    body = "Columns" if layout.startswith("columns") else "Body"
    paragraphs = [("Heading", "Curriculum vitae"), ("Body", row["name"]),
                  ("Body", f"{row['email']} · {row['phone']}")]
    if layout.endswith("+cpr"):
        paragraphs.append(("Body", f"CPR-nr. {CPR}"))
    paragraphs.append(("Body", f"{current}: {row['title']}, {row['employer']}"))
    paragraphs.append(("Heading", experience))
    paragraphs += [(body, p.strip()) for p in row["experience"].split("\n") if p.strip()]
    # The education section starts a new page, so the tests can check a page-2 citation.
    paragraphs.append(("PageHeading", education))
    paragraphs.append(("Body", row["education"] or "-"))
    return paragraphs


def plain_text(paragraphs):
    """What the document says, as the text twin holds it."""
    return "\n\n".join(text for _, text in paragraphs)


FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Carlito" svg:font-family="'Carlito'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
  <style:text-properties style:font-name="Carlito" fo:font-size="11pt" fo:language="{lang}"
   fo:country="{country}" fo:hyphenate="true" fo:hyphenation-remain-char-count="2"
   fo:hyphenation-push-char-count="2"/>
 </style:default-style>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.2cm"/>
 </style:style>
 <style:style style:name="Columns" style:family="paragraph" style:parent-style-name="Body"/>
 <style:style style:name="Heading" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"/>
  <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="PageHeading" style:family="paragraph" style:parent-style-name="Heading">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <style:style style:name="Small" style:family="paragraph">
  <style:text-properties fo:font-size="9pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm"
   fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
  <style:header-style><style:header-footer-properties fo:margin-bottom="0.5cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:margin-top="0.5cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="TwoColumns" style:family="section">
  <style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:header><text:p text:style-name="Small">{header}</text:p></style:header>
  <style:footer><text:p text:style-name="Small">{page} <text:page-number text:select-page="current"/> {of} <text:page-count/></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""


def fodt(paragraphs, header, english):
    """A flat OpenDocument text holding the paragraphs, with a header and a page-numbered footer."""
    head = FODT_HEAD.format(lang="en" if english else "da", country="GB" if english else "DK",
                            header=escape(header), page="Page" if english else "Side",
                            of="of" if english else "af")
    out = [head]
    in_columns = False
    for style, text in paragraphs:
        if (style == "Columns") != in_columns:
            out.append('<text:section text:style-name="TwoColumns" text:name="Erfaring">\n'
                       if not in_columns else "</text:section>\n")
            in_columns = not in_columns
        out.append(f'<text:p text:style-name="{style}">{escape(text)}</text:p>\n')
    if in_columns:
        out.append("</text:section>\n")
    out.append("</office:text></office:body></office:document>\n")
    return "".join(out)


def run(*command, cwd=None):
    subprocess.run(command, check=True, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def convert(fodt_path, extension, workdir):
    """Converts a .fodt with LibreOffice; returns the path of the result."""
    filters = {"pdf": "pdf:writer_pdf_Export", "docx": 'docx:MS Word 2007 XML', "odt": "odt"}
    run("soffice", "--headless", "--norestore", "--convert-to", filters[extension], "--outdir", workdir,
        fodt_path)
    return os.path.splitext(fodt_path)[0] + "." + extension


def markdown(paragraphs):
    lines = []
    for style, text in paragraphs:
        lines.append(("## " if "Heading" in style else "") + text)
    return "\n\n".join(lines) + "\n"


def write_document(target, paragraphs, header, english, fmt, workdir):
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if fmt == "txt":
        with open(target, "w", encoding="utf-8", newline="\n") as f:
            f.write(plain_text(paragraphs) + "\n")
        return
    if fmt == "md":
        with open(target, "w", encoding="utf-8", newline="\n") as f:
            f.write(markdown(paragraphs))
        return
    source = os.path.join(workdir, "document.fodt")
    with open(source, "w", encoding="utf-8") as f:
        f.write(fodt(paragraphs, header, english))
    if fmt == "scan":
        pdf = convert(source, "pdf", workdir)
        # Page images only, as a scanner writes them: no text layer at all.
        run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfimage8", "-r100", f"-sOutputFile={target}", pdf)
        return
    result = convert(source, fmt, workdir)
    shutil.move(result, target)


def photo(target):
    """A tiny stand-in for an applicant's photo (a 1x1 JPEG): a file type that is listed and skipped."""
    data = bytes.fromhex(
        "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912"
        "130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b0800"
        "01000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002"
        "010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f024"
        "33627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a63646566676869"
        "6a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4"
        "c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3"
        "ffd9")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as f:
        f.write(data)


def main():
    with open(os.path.join(HERE, "applicants.csv"), encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    os.makedirs(FIXTURES, exist_ok=True)
    twins = []
    with tempfile.TemporaryDirectory() as workdir:
        for id_, documents in APPLICANTS.items():
            row = rows[id_]
            english = id_ in ENGLISH
            texts = {"ansoegning": "", "cv": ""}
            for name, kind, fmt, layout in documents:
                target = os.path.join(OUT, name)
                if kind == "photo":
                    photo(target)
                    continue
                if kind == "letter":
                    paragraphs, header = letter(row), row["name"]
                elif kind == "cv":
                    paragraphs = cv(row, layout)
                    header = f"{row['name']} · Curriculum vitae"
                    if layout.endswith("+cpr"):
                        header += f" · CPR-nr. {CPR}"
                else:
                    paragraphs, header = letter(row) + cv(row, layout), row["name"]
                write_document(target, paragraphs, header, english, fmt, workdir)
                field = "cv" if kind == "cv" else "ansoegning"
                texts[field] = plain_text(paragraphs)
            twins.append({**{c: row[c] for c in LIST_COLUMNS}, **texts})
        list_csv = os.path.join(workdir, "ansoegerliste.csv")
        with open(list_csv, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, LIST_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows({c: t[c] for c in LIST_COLUMNS} for t in twins)
        run("soffice", "--headless", "--norestore", '--infilter=CSV:44,34,76,1,1/2', "--convert-to", "xlsx",
            "--outdir", OUT, list_csv)
        # The hostile fixtures: a password-protected PDF, and one locked by an owner password only.
        letter_pdf = os.path.join(OUT, "A001", "Ansøgning.pdf")
        run("qpdf", "--encrypt", "hemmelig", "ejer", "256", "--", letter_pdf, os.path.join(FIXTURES, "encrypted.pdf"))
        run("qpdf", "--encrypt", "", "ejer", "256", "--", letter_pdf, os.path.join(FIXTURES, "owner-locked.pdf"))
    with open(os.path.join(HERE, "applications-text.csv"), "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, LIST_COLUMNS + ["ansoegning", "cv"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(twins)
    print(f"wrote {sum(len(d) for d in APPLICANTS.values())} files for {len(APPLICANTS)} applicants to {OUT}")


if __name__ == "__main__":
    sys.exit(main())
