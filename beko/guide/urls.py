from django.urls import path

from . import views

app_name = "guide"

# URL names are part of the contract with other apps (site search, home page, navigation);
# keep them stable.
urlpatterns = [
    path("", views.start, name="start"),
    path("ergebnis/", views.result, name="result"),
    path("ergebnis/drucken/", views.result_print, name="result_print"),
    path("ergebnis/zweisprachig/", views.result_sheet, name="result_sheet"),
    path("papiere/", views.papers_page, name="papers"),
    path("begriffe/", views.glossary_page, name="glossary"),
    path("arbeitgeber/", views.employer, name="employer"),
    path("arbeitgeber/ergebnis/", views.employer_result, name="employer_result"),
]
