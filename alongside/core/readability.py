"""How hard a text is to read: the Flesch-Kincaid grade, and the reading age it suggests.

Person-facing words (prompts, help text, messages) aim at a reading age of about 9. Tests use
this to check the pages a person reads. The syllable count is a plain heuristic (groups of
vowels, a silent final "e" dropped), accurate enough to rank texts and catch long words and long
sentences; it needs no dictionary and downloads nothing. Reading age = US grade + 5."""

import re

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
# A sentence ends at . ! ? or : followed by a space or the end, or at a line break (headings,
# list items and buttons are read as short sentences of their own).
_SENTENCE = re.compile(r"[^.!?:\n]*[A-Za-z][^.!?:\n]*(?:[.!?:]+|\n|$)")
_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    word = word.lower().replace("’", "'").split("'")[0]
    if len(word) <= 3:
        return 1
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")):
        word = word[:-1]
    elif word.endswith(("es", "ed")) and not word.endswith(("ted", "ded", "ses", "zes", "ces")):
        word = word[:-2]
    return max(1, len(_VOWELS.findall(word)))


def grade(text: str) -> float:
    """The Flesch-Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word −
    15.59."""
    sentences = [s for s in _SENTENCE.findall(text) if _WORD.search(s)]
    words = _WORD.findall(text)
    if not words:
        return 0.0
    per_sentence = len(words) / max(1, len(sentences))
    per_word = sum(syllables(w) for w in words) / len(words)
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


def reading_age(text: str) -> float:
    return grade(text) + 5
