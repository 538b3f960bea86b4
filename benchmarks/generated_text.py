"""Generated article text for the scaling benchmark and the pathological-input tests.

Written for the project (no third-party text): sentences drawn from a small news vocabulary
with names the lexicons know, grouped in paragraphs; or one paragraph that never ends.
Deterministic for a given seed.
"""

from __future__ import annotations

import random

WORDS = (
    "the government said on monday that talks with ukraine and russia would continue in geneva next week while "
    "allies discussed sanctions energy prices and military aid for kyiv officials warned ministers agreed a new "
    "package of support for reconstruction after the winter the parliament voted on the budget and the central "
    "bank raised rates as inflation rose again in the region"
).split()
NAMES = ["Zelensky", "Putin", "NATO", "Trump", "Kaja Kallas", "Moscow", "Kyiv", "the European Union", "Mark Rutte"]


def prose(size: int, *, seed: int = 1) -> str:
    """About ``size`` characters of paragraphs of ordinary sentences, with a headline."""
    rng = random.Random(seed)
    paragraphs, total = [], 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 25))]
            words.insert(rng.randint(0, len(words)), rng.choice(NAMES))
            if rng.random() < 0.2:
                words.append(f"“{' '.join(rng.choice(WORDS) for _ in range(6))},” {rng.choice(NAMES)} said")
            text = " ".join(words)
            sentences.append(text[0].upper() + text[1:] + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "A generated article for the scaling test\n\n" + "\n\n".join(paragraphs) + "\n"


def endless_paragraph(size: int, *, seed: int = 2) -> str:
    """One paragraph of about ``size`` characters with no sentence end, after a headline."""
    rng = random.Random(seed)
    words, total = [], 0
    pool = WORDS + NAMES
    while total < size:
        word = rng.choice(pool)
        words.append(word)
        total += len(word) + 1
    return "A paragraph that never ends\n\n" + " ".join(words) + "\n"
