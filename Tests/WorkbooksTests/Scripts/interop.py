"""Workbooks made and read by programs nobody here wrote, for the interoperability tests.

    python3 interop.py inputs CSV_FOLDER OUT_FOLDER
        From a roster's CSV folder, writes with openpyxl:
          openpyxl.xlsx  typed cells: dates as dates (some as text), numbers as numbers, yes/no as booleans
          formulas.xlsx  the same with formulas in some cells (openpyxl saves no results for them)
        and a flat OpenDocument spreadsheet for LibreOffice to convert:
          calc.fods      dates as dates, numbers as numbers, one formula
    python3 interop.py dump XLSX OUT_JSON
        Reads a workbook with openpyxl and writes each sheet's cells (dates as YYYY-MM-DD), frozen
        panes, column widths, drop-down lists and page setup as JSON.
"""
import csv
import datetime
import json
import os
import sys
from xml.sax.saxutils import escape, quoteattr

import openpyxl

SHEETS = ["horizon", "locations", "hearings", "interpreters", "officers", "availability", "policy"]
DATE_COLUMNS = {"earliest", "latest", "fixedDate", "date"}
NUMBER_COLUMNS = {"rooms", "durationSlots", "maxHearingsPerWeek"}
FLAG_COLUMNS = {"remote", "remoteInterpreterAllowed"}


def typed_rows(folder):
    """Each sheet's rows with typed values, from the CSV folder (availability one row per slot
    becomes one row per slot still: the reader takes either form)."""
    sheets = {}
    for name in SHEETS:
        path = os.path.join(folder, name + ".csv")
        if not os.path.exists(path):
            continue
        with open(path, newline="", encoding="utf-8-sig") as file:
            rows = list(csv.reader(file))
        header, body = rows[0], rows[1:]
        typed = [header]
        for index, row in enumerate(body):
            out = []
            for column, text in zip(header, row):
                key = row[0] if header == ["key", "value"] and column == "value" else None
                out.append(typed_value(column, text, key, index))
            typed.append(out)
        sheets[name] = typed
    return sheets


def typed_value(column, text, key, index):
    if text == "":
        return None
    if column in DATE_COLUMNS or key in ("start", "end"):
        # Every third date stays text, as a planner may type it.
        return text if index % 3 == 2 else datetime.date.fromisoformat(text)
    if column in NUMBER_COLUMNS or (key is not None and column == "value" and is_number(text)):
        return int(text) if text.lstrip("-").isdigit() else float(text)
    if column in FLAG_COLUMNS:
        return text.lower() == "true"
    return text


def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def write_openpyxl(sheets, path, formulas=False):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        header = rows[0]
        for row_cells in sheet.iter_rows(min_row=2):
            for cell in row_cells:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "dd-mm-yyyy"
                if not formulas:
                    continue
                column = header[cell.column - 1]
                if isinstance(cell.value, datetime.date) and column == "latest":
                    day = cell.value
                    cell.value = f"=DATE({day.year},{day.month},{day.day})"
                elif column == "rooms" and isinstance(cell.value, int):
                    cell.value = f"={cell.value}*1"
                elif column == "id" and name == "locations":
                    cell.value = f'=""&"{cell.value}"'
    book.save(path)


def write_fods(sheets, path):
    """A flat OpenDocument spreadsheet: what LibreOffice itself saves, as one XML file."""
    tables = []
    for name, rows in sheets.items():
        xml_rows = []
        for row in rows:
            cells = []
            for value in row:
                cells.append(fods_cell(value))
            xml_rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        tables.append(f"<table:table table:name={quoteattr(name)}>" + "".join(xml_rows) + "</table:table>")
    document = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="N1"><number:day/><number:text>-</number:text><number:month/><number:text>-</number:text><number:year number:style="long"/></number:date-style>
<style:style style:name="date" style:family="table-cell" style:data-style-name="N1"/>
</office:automatic-styles>
<office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body></office:document>"""
    with open(path, "w", encoding="utf-8") as file:
        file.write(document)


def fods_cell(value):
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        text = "true" if value else "false"
        return f'<table:table-cell office:value-type="boolean" office:boolean-value="{text}"><text:p>{text.upper()}</text:p></table:table-cell>'
    if isinstance(value, datetime.date):
        iso = value.isoformat()
        # LibreOffice works the date out again from the formula when it converts.
        formula = f' table:formula="of:=DATE({value.year};{value.month};{value.day})"' if value.day % 2 == 0 else ""
        return f'<table:table-cell table:style-name="date"{formula} office:value-type="date" office:date-value="{iso}"><text:p>{iso}</text:p></table:table-cell>'
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'


def inputs(folder, out):
    os.makedirs(out, exist_ok=True)
    sheets = typed_rows(folder)
    write_openpyxl(sheets, os.path.join(out, "openpyxl.xlsx"))
    write_openpyxl(sheets, os.path.join(out, "formulas.xlsx"), formulas=True)
    write_fods(sheets, os.path.join(out, "calc.fods"))


def shown(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def dump(path, out):
    book = openpyxl.load_workbook(path)
    result = {"sheets": []}
    for sheet in book.worksheets:
        validations = [{"sqref": str(v.sqref), "type": v.type, "formula1": v.formula1} for v in sheet.data_validations.dataValidation]
        result["sheets"].append({
            "name": sheet.title,
            "rows": [[shown(value) for value in row] for row in sheet.iter_rows(values_only=True)],
            "freeze": sheet.freeze_panes,
            "widths": {key: dimension.width for key, dimension in sheet.column_dimensions.items() if dimension.width},
            "validations": validations,
            "landscape": sheet.page_setup.orientation == "landscape",
            "paper": sheet.page_setup.paperSize,
            "printTitleRows": sheet.print_title_rows,
        })
    with open(out, "w", encoding="utf-8") as file:
        json.dump(result, file, ensure_ascii=False)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "inputs":
        inputs(sys.argv[2], sys.argv[3])
    elif command == "dump":
        dump(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown command {command}")
