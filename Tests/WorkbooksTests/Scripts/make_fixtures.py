"""Writes the small workbooks under Tests/WorkbooksTests/Fixtures that the error tests read.

Run once by hand after changing it (python3 make_fixtures.py); the tests read the committed files
and do not run this script. Needs openpyxl. Each workbook is the same small valid roster with one
defect, or a file that is no workbook at all.
"""
import datetime
import io
import os
import struct
import sys
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Fixtures")
D = datetime.date


def base():
    """The small valid roster, as rows per sheet; dates as dates."""
    return {
        "horizon": [["key", "value"], ["start", D(2026, 12, 7)], ["end", D(2026, 12, 18)]],
        "locations": [["id", "name", "rooms"], ["TA", "Ter Apel", 12]],
        "hearings": [
            ["id", "language", "location", "earliest", "latest", "interpreterGender"],
            ["H-1", "tir", "TA", D(2026, 12, 1), D(2026, 12, 22), "female"],
            ["H-2", "ara", "TA", D(2026, 12, 3), D(2026, 12, 30), None],
        ],
        "interpreters": [["id", "gender", "languages", "remote"], ["I-4", "female", "tir;ara", True]],
        "officers": [["id", "gender", "location"], ["O-2", "female", "TA"]],
        "availability": [["person", "date", "slots"], ["I-4", D(2026, 12, 7), "AM;PM"], ["O-2", D(2026, 12, 7), "AM;PM"]],
    }


def workbook(sheets, edit=None):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
    if edit:
        edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as file:
        file.write(data)


def wrong_cell_type(book):
    cell = book["hearings"]["D2"]  # earliest: a number without a date format
    cell.value = 46357
    cell.number_format = "General"
    book["locations"]["C2"].value = D(2026, 12, 7)  # rooms: a date
    book["locations"]["C2"].number_format = "yyyy-mm-dd"


def merged_header(book):
    book["hearings"].merge_cells("A1:B1")


def empty_row(book):
    sheet = book["hearings"]
    sheet.insert_rows(3)  # row 3 empty, H-2 now on row 4
    sheet["E4"].value = "tomorrow"


def before_1900(book):
    book["hearings"]["D2"].value = datetime.datetime(1899, 12, 31)
    book["hearings"]["D2"].number_format = "yyyy-mm-dd"


def main():
    os.makedirs(OUT, exist_ok=True)
    write("valid.xlsx", workbook(base()))
    write("wrong-cell-type.xlsx", workbook(base(), wrong_cell_type))
    missing = base()
    del missing["officers"]
    write("missing-sheet.xlsx", workbook(missing))
    write("merged-header.xlsx", workbook(base(), merged_header))
    write("empty-row.xlsx", workbook(base(), empty_row))
    write("before-1900.xlsx", workbook(base(), before_1900))
    write("renamed-csv.xlsx", b"id;name;rooms\r\nTA;Ter Apel;12\r\n")
    write("old-format.xls.xlsx", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    valid = workbook(base())
    write("cut-short.xlsx", valid[: len(valid) // 2])
    write("doctype.xlsx", replace_part(valid, "xl/worksheets/sheet1.xml", laughs()))
    # A sheet that unpacks to 64 MiB of spaces: packed about a thousand times.
    big = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + b" " * (64 << 20) + b"<sheetData/></worksheet>"
    bomb = replace_part(valid, "xl/worksheets/sheet1.xml", big)
    write("bomb.xlsx", bomb)
    write("bomb-lying.xlsx", declare_size(bomb, "xl/worksheets/sheet1.xml", 4096))
    write("bomb-declared.xlsx", declare_size(valid, "xl/worksheets/sheet1.xml", 3 << 30))


def laughs():
    """The 'billion laughs': entities that expand to a billion copies if a parser resolves them."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>').encode()


def replace_part(data, name, content):
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, content if item.filename == name else source.read(item.filename))
    return buffer.getvalue()


def declare_size(data, name, size):
    """The same zip with the part's unpacked size in its local header and the central directory
    changed to `size`: a directory that lies."""
    data = bytearray(data)
    encoded = name.encode()
    position = 0
    while True:
        position = data.find(encoded, position + 1)
        if position < 0:
            break
        if data[position - 30:position - 26] == b"PK\x03\x04":
            struct.pack_into("<I", data, position - 30 + 22, size)
        elif data[position - 46:position - 42] == b"PK\x01\x02":
            struct.pack_into("<I", data, position - 46 + 24, size)
    return bytes(data)


if __name__ == "__main__":
    sys.exit(main())
