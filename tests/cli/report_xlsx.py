#!/usr/bin/python3
"""Read a workbook of `report --format xlsx` back with openpyxl and print
what a test compares: per sheet its name, frozen pane, autofilter range,
whether the header row is bold, column widths that fit, the bold rows
below the header (a kpi --total row), then each cell
as TYPE:VALUE (n number, d date, s string, - empty) with the number
format of numbers and dates.

usage: report_xlsx.py BOOK.xlsx
"""
import sys

import openpyxl


def cell(c):
    if c.value is None:
        return "-"
    if c.is_date:
        return "d:%s[%s]" % (c.value.date().isoformat(), c.number_format)
    if c.data_type == "n":
        return "n:%r[%s]" % (c.value, c.number_format)
    if c.data_type == "s":
        return "s:" + c.value
    return "%s?:%r" % (c.data_type, c.value)


def main():
    book = openpyxl.load_workbook(sys.argv[1])
    print("title: %s" % book.properties.title)
    for ws in book.worksheets:
        print("sheet %s: freeze %s, filter %s" %
              (ws.title, ws.freeze_panes, ws.auto_filter.ref))
        header = next(ws.iter_rows(min_row=1, max_row=1))
        print("header bold: %s" % all(c.font.b for c in header if c.value))
        narrow = [c.column_letter for c in header if c.value and
                  ws.column_dimensions[c.column_letter].width <
                  len(str(c.value))]
        print("columns narrower than their header: %s" % (narrow or "none"))
        bold = [str(r[0].row) for r in ws.iter_rows(min_row=2)
                if any(c.value is not None for c in r) and
                all(c.font.b for c in r if c.value is not None)]
        print("bold rows: %s" % (", ".join(bold) or "none"))
        for row in ws.iter_rows():
            print(" | ".join(cell(c) for c in row))


main()
