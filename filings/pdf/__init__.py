"""The PDF toolkit: pure functions over PDF bytes. Nothing here imports Django.

Page numbers are 1-based indexes into the PDF. Regions (``x0, top, x1,
bottom``) are PDF points measured from a page's top-left corner, in one of two
conventions that agree on pages whose MediaBox starts at 0,0 with no narrower
CropBox:

- *as pdfplumber measures them* (x from the left of the MediaBox, top from its
  top edge): the toolkit's public convention, taken by ``redact_pdf`` and the
  ``redact`` command's ``--regions`` by default;
- *from the visible corner* (the CropBox, turned by /Rotate): what ``layout``
  and ``locate`` report and what the app stores and draws on page images.

``geometry.from_pdfplumber`` and ``geometry.to_pdfplumber`` convert between them.
"""
