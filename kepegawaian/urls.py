app_name = "kepegawaian"

urlpatterns = []
