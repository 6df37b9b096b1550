"""QR codes of certificates: the only module that calls segno."""

import segno


def qr_svg_data_uri(url: str) -> str:
    """
    A QR code for ``url`` as an SVG ``data:`` URI, ready for an ``<img>`` in the PDF.

    Error correction "M" survives a crease or a stamp over a corner; the quiet zone of four
    modules is kept so phone cameras find the code on a busy background.
    """
    qr = segno.make(url, error="m", micro=False)
    return qr.svg_data_uri(scale=4, border=4, dark="#000", light="#fff")
