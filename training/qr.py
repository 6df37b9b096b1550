"""QR codes for the training app (the session check-in link), drawn as inline SVG by segno."""

import io

import segno


def qr_svg(data: str) -> str:
    """An SVG QR code for ``data``, sized by CSS, with no XML declaration (for inline use)."""
    output = io.BytesIO()
    segno.make(data, error="m").save(
        output, kind="svg", scale=6, border=2, xmldecl=False, svgns=True, nl=False
    )
    return output.getvalue().decode()
