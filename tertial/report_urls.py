"""URLs under /rapporter/<nämnd>/<period>/ for the report's own pages."""

from django.urls import path

from tertial.views import changes, deadlines, front_matter, history, printing, report, search, section

urlpatterns = [
    path("", report.report_overview, name="report_overview"),
    path("status/", report.report_status, name="report_status"),
    path("nasta-period/", report.report_carry_over, name="report_carry_over"),
    path("andrat/", changes.report_changes_page, name="report_changes"),
    path("tidsplan/", deadlines.report_deadlines, name="report_deadlines"),
    path("tjansteutlatande/", front_matter.front_matter, name="front_matter"),
    path("bilagor/", front_matter.attachment_upload, name="attachment_upload"),
    path("bilagor/<int:number>/", front_matter.attachment_download, name="attachment_download"),
    path("bilagor/<int:number>/ta-bort/", front_matter.attachment_delete, name="attachment_delete"),
    path("utskrift/", printing.report_print, name="report_print"),
    path("sok/", search.report_search, name="report_search"),
    path("session/", section.session_ping, name="session_ping"),
    path("text/inklistrad/", section.richtext_paste, name="richtext_paste"),
    path("avsnitt/nytt/", report.section_add, name="section_add"),
    path("avsnitt/<int:pk>/", section.section_edit, name="section_edit"),
    path("avsnitt/<int:pk>/ta-bort/", report.section_remove, name="section_remove"),
    path("avsnitt/<int:pk>/ansvarig/", report.section_assign, name="section_assign"),
    path("avsnitt/<int:pk>/granskning/", section.section_transition, name="section_transition"),
    path("avsnitt/<int:pk>/kommentarer/", section.section_comment, name="section_comment"),
    path("avsnitt/<int:pk>/utkast/", section.section_draft, name="section_draft"),
    path("avsnitt/<int:pk>/utskrift/", printing.section_print, name="section_print"),
    path("avsnitt/<int:pk>/historik/", history.section_history, name="section_history"),
    path("avsnitt/<int:pk>/andrat/", changes.section_changes_page, name="section_changes"),
    path("avsnitt/<int:pk>/historik/<int:history_id>/aterstall/", history.section_restore, name="section_restore"),
]
