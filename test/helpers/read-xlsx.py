# Reads an XLSX workbook with openpyxl (an independent reader: Python, not exceljs) and prints it
# as JSON: per sheet its title, frozen cell, auto-filter range, column widths, the cell values
# row by row and the number format of every numeric cell. Used by the report tests.
#   python3 test/helpers/read-xlsx.py FILE.xlsx
import json
import sys

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter


def sheet_json(ws):
    rows = []
    formats = []
    for row in ws.iter_rows():
        rows.append([cell.value for cell in row])
        formats.append([cell.number_format if isinstance(cell.value, (int, float)) else None for cell in row])
    widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)]
    return {
        "title": ws.title,
        "freeze": ws.freeze_panes,
        "autoFilter": ws.auto_filter.ref,
        "widths": widths,
        "rows": rows,
        "formats": formats,
    }


workbook = load_workbook(sys.argv[1])
json.dump({"sheets": [sheet_json(ws) for ws in workbook.worksheets]}, sys.stdout, default=str)
