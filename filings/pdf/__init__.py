"""The PDF toolkit: pure functions over PDF bytes. Nothing here imports Django.

Coordinates everywhere are PDF points measured from the top-left corner of the
page's visible box, as pdfplumber reports them (``x0, top, x1, bottom``), and
page numbers are 1-based indexes into the PDF.
"""
