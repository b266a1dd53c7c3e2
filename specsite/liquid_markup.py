"""Liquid markup as one pattern, for the two readers of a page's Liquid that do not run it: the
source map (liquid/source_map.py) and the `page` drop that strips Liquid from text
(jekyll/drops.py). A leaf module: liquid/ imports jekyll/, so jekyll/ cannot import liquid/."""
from __future__ import annotations

import re

# A `{% raw %}…{% endraw %}` block (group 1: its literal text), a tag, or an output.
TOKEN = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
