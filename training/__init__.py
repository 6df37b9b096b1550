"""Training: courses as Wagtail pages, batches, enrolments, progress, quizzes, evaluations."""
