"""
Participant URLs of quizzes and the evaluation (Indonesian path words), included by
``bimtek/urls.py`` inside ``i18n_patterns`` under the namespace ``assessments``.
"""

from django.urls import path

from training.views import evaluations, quizzes

app_name = "assessments"

urlpatterns = [
    path("kuis/<int:quiz_id>/", quizzes.quiz_detail, name="quiz"),
    path("kuis/<int:quiz_id>/mulai/", quizzes.quiz_start, name="start"),
    path("kuis/<int:quiz_id>/percobaan/<int:attempt_id>/", quizzes.attempt_take, name="attempt"),
    path(
        "kuis/<int:quiz_id>/percobaan/<int:attempt_id>/simpan/",
        quizzes.attempt_save,
        name="save",
    ),
    path(
        "kuis/<int:quiz_id>/percobaan/<int:attempt_id>/hasil/",
        quizzes.attempt_review,
        name="review",
    ),
    path("evaluasi/<int:course_id>/", evaluations.evaluation_fill, name="evaluation"),
]
