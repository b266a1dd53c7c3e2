"""Ruby's case mapping of strings (String#downcase, #capitalize), where it differs from Python's:
a leaf module, for kramdown's heading ids and Jekyll's and Liquid's filters alike."""
from __future__ import annotations


def ruby_downcase(text: str) -> str:
    """Ruby's String#downcase: Unicode's full case mapping without its one context rule, so a
    word-final capital sigma is σ, not ς (`"ΣΑΣ".downcase` is "σασ"; Python's lower() writes
    "σας"). Everything else maps as str.lower() maps it (İ is i̇, Ǆ is ǆ)."""
    if "Σ" not in text:
        return text.lower()
    return "".join(ch.lower() for ch in text)


def ruby_capitalize(text: str) -> str:
    """Ruby's String#capitalize: the first character in title case (ǆ is ǅ, ß is Ss), the rest
    as ruby_downcase writes them."""
    return text[:1].capitalize() + ruby_downcase(text[1:])
