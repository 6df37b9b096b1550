"""
Original text of the demo courses, in both languages, and small helpers to write blocks.

Each course is a dict: course fields per language, then modules, each with lessons; every
text that differs by language is a ``{"id": ..., "en": ...}`` pair. ``training.demo`` turns
them into pages through ``cms.services``.
"""


def heading(text, size="h2"):
    return ("heading", {"heading_text": text, "size": size})


def paragraph(html):
    return ("paragraph", html)


def callout(kind, title, html):
    return ("callout", {"kind": kind, "title": title, "text": html})


def quote(text, source):
    return ("quote", {"text": text, "attribution": source})


def table(rows, caption=""):
    return (
        "table",
        {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        },
    )


def takeaways(title, items):
    return ("key_takeaways", {"title": title, "items": items})
