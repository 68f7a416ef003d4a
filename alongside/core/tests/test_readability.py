import pytest

from alongside.core.readability import grade, reading_age, syllables


@pytest.mark.parametrize(
    ("word", "count"),
    [("the", 1), ("plan", 1), ("make", 1), ("people", 2), ("support", 2), ("caring", 2)],
)
def test_syllables(word, count):
    assert syllables(word) == count


def test_short_words_in_short_sentences_read_young():
    assert reading_age("The cat sat on the mat. It was happy.") < 6


def test_long_words_in_long_sentences_read_old():
    text = (
        "The practitioner will commission a comprehensive reassessment of eligibility "
        "considerations, notwithstanding statutory obligations."
    )
    assert reading_age(text) > 20


def test_lines_are_read_as_sentences_and_empty_text_is_grade_zero():
    assert grade("") == 0.0
    assert grade("My plan\nWhat happens next\nAbout me") < grade(
        "My plan what happens next about me"
    )
