"""The batch progress table as an .xlsx workbook (openpyxl), for trainers and organisers."""

import io

from django.utils.translation import gettext as _

from cms.spreadsheets import xlsx_row

from .selectors import BatchProgress


def batch_progress_workbook(progress: BatchProgress) -> bytes:
    """Participants × modules with percentages, overall progress, attendance and status."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Progress")[:31]
    header = [_("NIP"), _("Name"), _("Agency"), _("Status")]
    header += [module.title for module in progress.modules]
    header += [_("Overall (%)")]
    if progress.session_count:
        header += [_("Attendance (%)")]
    sheet.append(xlsx_row(sheet, header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in progress.rows:
        participant = row.enrolment.participant
        values = [
            participant.nip or "",
            participant.get_full_name(),
            participant.agency.name if participant.agency else "",
            row.enrolment.get_status_display(),
            *row.module_percents,
            row.percent,
        ]
        if progress.session_count:
            values.append(row.attendance)
        sheet.append(xlsx_row(sheet, values))
    # NIPs stay text so that no digit is lost when the sheet is opened again.
    for cell in sheet["A"][1:]:
        cell.number_format = "@"
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 34
    sheet.column_dimensions["C"].width = 40
    sheet.freeze_panes = "E2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
