app_name = "kinerja"
urlpatterns: list = []
