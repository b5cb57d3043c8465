app_name = "sop"
urlpatterns: list = []
