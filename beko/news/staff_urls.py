from django.urls import path

from . import staff_views

app_name = "news_staff"

urlpatterns = [
    path("", staff_views.news_list, name="news_list"),
    path("neu/", staff_views.news_create, name="news_create"),
    path("<int:pk>/", staff_views.news_edit, name="news_edit"),
    path("<int:pk>/veroeffentlichen/", staff_views.news_publish, name="news_publish"),
    path("<int:pk>/zurueckziehen/", staff_views.news_unpublish, name="news_unpublish"),
    path("<int:pk>/archivieren/", staff_views.news_archive, name="news_archive"),
    path("<int:pk>/loeschen/", staff_views.news_delete, name="news_delete"),
    path("<int:pk>/galerie/", staff_views.gallery, name="gallery"),
    path(
        "<int:pk>/galerie/<int:image_id>/entfernen/",
        staff_views.gallery_remove,
        name="gallery_remove",
    ),
    path("auswahl/angebote/", staff_views.pick_offers, name="pick_offers"),
    path("auswahl/veranstaltungen/", staff_views.pick_events, name="pick_events"),
    path("kategorien/", staff_views.categories, name="categories"),
    path("seiten/", staff_views.page_list, name="page_list"),
    path("seiten/<int:pk>/", staff_views.page_edit, name="page_edit"),
    path("bilder/", staff_views.image_list, name="image_list"),
    path("bilder/<int:pk>/", staff_views.image_edit, name="image_edit"),
]
