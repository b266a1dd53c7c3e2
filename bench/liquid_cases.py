"""Random Liquid templates and YAML front matter for bench/liquid_differential.py.

A case is one page: random front matter (Psych's scalars, keys, anchors and merges), sometimes
its own `_data/<case>.yml`, and a few units — each a small template of one feature (a filter
chain, a tag, an operator, a YAML value shown through Liquid) — written after a `@@n@@` marker so
that the report can say which unit's output differs, and group the differences by feature.
Everything comes from one `random.Random(seed)`: the same seed makes the same corpus.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

# -- the fixed site every chunk of cases is built in -------------------------------------------

SKELETON = {
    "_layouts/plain.html": "{{ content }}",
    "_includes/show.html": "[{{ include.a }}|{{ include.b | inspect }}|{{ include | jsonify }}]",
    "_includes/loop.html": "{% for x in include.items limit: 3 %}{{ forloop.index }}:{{ x }};{% endfor %}",
    "_includes/nested.html": "{% assign inner = 'set-in-include' %}{% include show.html a=include.a %}",
    "_includes/scope.html": ("{% assign from_include = include.v | default: 'none' %}{% capture cap %}<{{ include.v }}|"
                             "{{ outer }}>{% endcapture %}{{ cap }}{% assign outer = 'changed' %}{{ include.list | size }}"),
    "_includes/list.html": ("{% for p in include.items limit: include.n %}{% unless forloop.first %}, {% endunless %}"
                            "<a href=\"{{ p.url | relative_url }}\">{{ p.title | default: p.name | escape }}</a>"
                            "{% endfor %}"),
    "_includes/card.html": ("{%- assign d = include.doc -%}<div id=\"{{ d.title | slugify }}\">{{ d.title }} "
                            "{{ d.date | date: include.fmt | default: 'undated' }} {{ d.tags | join: '/' }}</div>"),
    "_data/people.yml": (
        "- {name: Ann, age: 31, tags: [a, b], joined: 2021-04-05, team: red}\n"
        "- {name: bob, age: 25, tags: [b], joined: 2020-01-02 03:04:05 +02:00, team: blue}\n"
        "- {name: Cy, age: 31, tags: [], team: red, score: 2.5}\n"
        "- {name: dee, age: null, team: ~, score: 10}\n"),
    "_data/meta.yml": (
        "version: 1.2.0\ncount: 7\nratio: 0.25\nflag: yes\nnone: ~\nday: 2024-02-29\n"
        "stamp: 2024-03-05 14:07:09.5 -05:00\nwords: [zeta, Alpha, beta, alpha]\n"
        "nums: [3, 1, 2, 10, 1]\nnested: {a: {b: {c: deep}}}\n'true': string key\ntrue: bool key\n1: int key\n"),
    "_posts/2024-03-05-first-post.md": (
        "---\ntitle: First post\ntags: [x, y]\ncategories: news\n---\nHello *first*.\n\nSecond paragraph.\n"),
    "_posts/2023-01-01-older.md": (
        "---\ntitle: Older\ndate: 2023-01-01 10:00:00 +0900\nauthor: bob\n---\nOld words here.\n"),
    "_docs/alpha.md": "---\ntitle: Alpha doc\norder: 2\n---\nAlpha.\n",
    "_docs/beta.md": "---\ntitle: Beta doc\norder: 1\n---\nBeta.\n",
    "fixed/one.html": "---\ntitle: One\nweight: 2\n---\none\n",
    "fixed/two.md": "---\ntitle: Two\nweight: 1\ntags: [b]\n---\ntwo\n",
}


def config_text(rng: random.Random) -> str:
    zone = rng.choice(["", "timezone: Europe/Berlin\n", "timezone: America/New_York\n", "timezone: Asia/Kolkata\n"])
    return ("title: Differential\nurl: https://ex.com\nbaseurl: /base\n" + zone
            + "collections:\n  docs:\n    output: true\n"
            + "defaults:\n- scope: {path: \"\"}\n  values: {layout: plain}\n")


@dataclass(frozen=True)
class Unit:
    feature: str
    text: str


@dataclass(frozen=True)
class Case:
    name: str
    ext: str
    front: str
    units: tuple[Unit, ...]
    data: str | None = None

    def page(self) -> str:
        body = "".join(f"@@{i}@@{u.text}\n" for i, u in enumerate(self.units))
        return f"---\n{self.front}---\n{body}"


# -- YAML -------------------------------------------------------------------------------------

YAML_SCALARS = {
    "int": ["0", "42", "-7", "+5", "0x1F", "0o17", "017", "0b101", "1_000", "1,000", "1:30", "190:20:30",
            "09", "-0", "00", "12345678901234567890", "0x_1f", "+0b11"],
    "float": ["3.14", "-0.5", "1e3", "1.0e+3", "1.5e-3", ".5", "5.", ".inf", "-.Inf", ".nan", ".NaN", "1_000.5",
              "6.02e23", "1.", "-1.0", "0.1", "1:30.5", "1e400", "2.50"],
    "bool": ["true", "false", "yes", "no", "on", "off", "True", "TRUE", "y", "n", "Yes", "OFF"],
    "null": ["~", "null", "Null", "NULL", ""],
    "date": ["2024-03-05", "2024-3-5", "2024-02-30", "2024-02-29", "10000-01-01", "0999-12-31", "1970-01-01",
             "2024-13-01", "99999-12-31", "12345-06-07"],
    "time": ["2024-03-05 14:07:09", "2024-03-05T14:07:09Z", "2024-03-05t14:07:09.123+05:30",
             "2024-03-05 14:07:09 -7", "2024-03-05 14:07:09.5 +01:00", "12345-06-07 01:02:03 +00:00",
             "2024-03-05T14:07", "2024-03-05 14:07:09 Z", "2024-03-05 25:00:00", "2024-12-31T23:59:59.999999999-12:00",
             "10000-01-01T00:00:00Z", "1969-12-31 23:59:59 +14:00"],
    "str": ["plain words", '"quoted \\u00e9 \\t tab"', "'single ''q'''", "\"a: b\"", "'#not comment'",
            "x # comment", "'2024-03-05'", '"42"', "hello world   ", "ünï çødé", "<b>&amp;</b>", "'  padded  '",
            "a,b,,c", "Hello, World!", "'true'", "don't", "'%x'", "\"line1\\nline2\""],
    "tagged": ["!!str 123", "!!int \"42\"", "!!float 1", "!!bool yes", "!!null ''", "!!str 2024-03-05",
               "!!timestamp 2024-01-01", "!!binary aGVsbG8=", "!ruby/object:Foo {}", ":sym", "!ruby/symbol x",
               "!custom thing", "!!set {a, b}", "!!omap [a: 1, b: 2]", "!!float '1e2'", "!!int 0x10"],
    "flow": ["[a, b, c]", "[1, [2, 3], []]", "{a: 1, b: [x]}", "[]", "{}", "[1, 2.5, true, null, b]",
             "{true: t, 1: one, null: n}", "[2024-03-05, 14:07]", "[yes, no, ~]"],
}

KEY_FORMS = ["true", "false", "1", "1.5", "null", "~", "2024-01-01", "yes", "'1'", "'true'", "0x10", "-1",
             "on", "'null'", "k", "K", "\"with space\"", "1:30"]


def yaml_scalar(rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(list(YAML_SCALARS))
    return kind, rng.choice(YAML_SCALARS[kind])


def yaml_block(rng: random.Random) -> tuple[str, str]:
    """(kind, 'key-less' YAML text at indent 2) for composite values."""
    choice = rng.randrange(6)
    if choice == 0:
        style = rng.choice(["|", ">", "|-", ">-", "|+", ">+", "|2"])
        lines = rng.choice([["a", "b"], ["a", "", "  b", "c"], ["x: y", "- z"], ["one  ", "two"]])
        return "block", style + "\n" + "".join(f"    {ln}\n" if ln else "\n" for ln in lines) + "  end: 1\n"
    if choice == 1:
        keys = rng.sample(KEY_FORMS, 3)
        return "keys", "{" + ", ".join(f"{k}: {yaml_scalar(rng)[1] or '~'}" for k in keys) + "}"
    return yaml_scalar(rng)


def front_matter(rng: random.Random) -> tuple[str, list[str]]:
    """Front matter text and the names of its v* keys."""
    lines = [f"title: {rng.choice(['Case', 'A: b', 'Ünï', 'x & y', '42', 'yes', ''])}"]
    if lines[0].endswith(": A: b"):
        lines[0] = "title: 'A: b'"
    names = []
    for i in range(rng.randint(2, 5)):
        kind, text = yaml_block(rng) if rng.random() < 0.3 else yaml_scalar(rng)
        if text.endswith("  end: 1\n"):
            text = text[: -len("  end: 1\n")]
            lines.append(f"v{i}: {text}".rstrip("\n"))
        else:
            lines.append(f"v{i}: {text}")
        names.append(f"v{i}")
    if rng.random() < 0.35:
        lines += anchors(rng)
        names += ["base", "m1", "m2", "ali"]
    if rng.random() < 0.3:
        keys = rng.sample(KEY_FORMS, 4)
        lines.append("keys:")
        lines += [f"  {k}: {yaml_scalar(rng)[1] or '~'}" for k in keys]
        names.append("keys")
    lines.append("list: " + rng.choice(YAML_SCALARS["flow"][:2] + ["[3, 1, 2, 10, 1]", "[b, A, a, c, B]"]))
    lines.append("items:\n" + "".join(
        f"  - {{name: {rng.choice(['x', 'Y', 'z', 'w'])}, n: {rng.choice(['1', '2', '10', '~', '2.5', 'a'])}, "
        f"tag: {rng.choice(['red', 'blue', '[red, blue]', '~', 'true'])}}}\n" for _ in range(rng.randint(0, 4))).rstrip("\n")
        if rng.random() < 0.8 else "items: []")
    if rng.random() < 0.25:
        lines.append(f"date: {rng.choice(YAML_SCALARS['time'] + YAML_SCALARS['date'])}")
    if rng.random() < 0.08:
        lines.append(rng.choice(["bad: [1", "bad: {a: 1", "  - x", "bad: @x", "bad: `x", "bad: a: b",
                                 "dup: 1\ndup: 2", "tab:\t1", "? [a, b]\n: complex", "%YAML 1.1"]))
    return "\n".join(lines) + "\n", names


def anchors(rng: random.Random) -> list[str]:
    base = rng.choice(["{x: 1, y: two}", "{x: 1, y: [a]}", "[1, 2]", "scalar"])
    merge = rng.choice(["{<<: *b, y: 3}", "{y: 3, <<: *b}", "{<<: [*b, {z: 9}]}", "{<<: *b}", "{<<: {q: 1}, q: 2}",
                        "{<<: [{a: 1}, {a: 2}]}", "{'<<': *b}", "{<<: *b, <<: {z: 1}}"])
    return [f"base: &b {base}", f"m1: {merge}", "m2:\n  <<: *b\n  extra: e", "ali: *b"]


# -- Liquid -----------------------------------------------------------------------------------

STRINGS = ['"abc"', '"Hello World"', '"  pad  "', '""', '"a,b,,c"', '"2024-03-05"', '"2024-03-05 14:07:09 +0530"',
           '"<b>&amp;</b> & <i>"', '"ünï çødé"', '"10"', '"3.5"', '"-2"', "'it''s'", '"a.b-c_d e/f?g=h#i"',
           '"The quick brown fox"', '"Mar 5 2024"', '"1/2/2024"', '"foo bar  baz\n qux"', '"%20x+y"', '"日本語 テキスト"',
           '"true"', '"nil"', '"  "', '"Title Case words"']
NUMBERS = ["42", "-7", "0", "3.14", "-0.5", "1.0", "10", "2", "1e3", "007", "-0", "100000000000000000000"]
SPECIALS = ["true", "false", "nil", "empty", "blank", "(1..5)", "(3..1)", "nope", "nope.deeper"]
VARS = ["page.title", "page.v0", "page.v1", "page.v2", "page.list", "page.items", "page.keys", "page.m1", "page.m2",
        "page.ali", "page.base", "page.date", "page.url", "page.name", "page.path", "page.dir", "page", "page.title.size",
        "page.list.first", "page.list.last", "page.list.size", "page.list[1]", "page.items[0].name", "page.keys.true",
        "page.keys[true]", "page.keys['1']", "page.keys[1]", "site.data.people", "site.data.meta",
        "site.data.meta.words", "site.data.meta.nums", "site.data.meta.stamp", "site.data.meta.day",
        "site.data.meta.true", "site.data.meta[true]", "site.data.meta['true']", "site.data.meta[1]",
        "site.data.meta.nested.a.b", "site.data.people[0]", "site.data.people.first.joined", "site.posts",
        "site.posts.first", "site.posts.first.date", "site.posts.last.excerpt", "site.posts[0].tags",
        "site.docs", "site.documents", "site.collections", "site.tags", "site.categories", "site.url",
        "site.baseurl", "site.title", "site.data.meta.version", "site.data.meta.ratio", "site.data.meta.flag",
        "site.data.meta.none", "site.posts.first.next", "site.posts.last.next.title", "site.posts.first.previous.url",
        "page.content", "site.docs[0].collection",
        "site.posts.first.id", "site.posts.first.categories", "page.v0.size", "page.v0.first"]

FILTER_ARGS = {
    "abs": [[]], "append": [["S"], ["N"]], "at_least": [["N"]], "at_most": [["N"]], "capitalize": [[]],
    "ceil": [[]], "compact": [[], ['"n"']], "concat": [["L"]], "date": [['"%Y-%m-%d %H:%M:%S %z"'],
    ['"%a %b %e %-d %j %U %y %I %p %L %N %s %Z %%"'], ['"%F %T"'], ['""'], ["N"], ['"%^a %-m %_d %010Y %:z %P"']],
    "default": [["S"], ["N"], ["S", "allow_false: true"], ["S", "allow_false: false"]], "divided_by": [["N"]],
    "downcase": [[]], "escape": [[]], "escape_once": [[]], "first": [[]], "floor": [[]], "join": [[], ['", "'], ["N"]],
    "last": [[]], "lstrip": [[]], "map": [['"name"'], ['"title"'], ['"n"'], ['"age"'], ["N"]], "minus": [["N"]],
    "modulo": [["N"]], "newline_to_br": [[]], "plus": [["N"], ["S"]], "prepend": [["S"]], "remove": [["S"]],
    "remove_first": [["S"]], "replace": [["S", "S"], ["S"]], "replace_first": [["S", "S"]], "reverse": [[]],
    "round": [[], ["N"]], "rstrip": [[]], "size": [[]], "slice": [["N"], ["N", "N"]],
    "sort": [[], ['"name"'], ['"age"'], ['"n"'], ['"title"'], ['"name"', '"last"'], ['"date"']],
    "sort_natural": [[], ['"name"']], "split": [["S"], ['","'], ['""'], ['" "']], "strip": [[]], "strip_html": [[]],
    "strip_newlines": [[]], "times": [["N"]], "truncate": [["N"], ["N", "S"]], "truncatewords": [["N"], ["N", "S"]],
    "uniq": [[], ['"name"'], ['"team"']], "upcase": [[]], "url_decode": [[]], "url_encode": [[]],
    "where": [['"name"', "S"], ['"team"', '"red"'], ['"age"', "N"], ['"tag"', '"red"'], ['"n"'], ['"title"', "S"]],
    "sum": [[], ['"age"']], "remove_last": [["S"]], "replace_last": [["S", "S"]], "base64_encode": [[]],
    # Jekyll's
    "where_exp": [['"i"', '"i.age > 26"'], ['"i"', '"i.name contains \'n\'"'], ['"i"', '"i.tag == \'red\' or i.n"'],
                  ['"i"', '"i"'], ['"i"', '"i.team == nil"'], ['"i"', '"i == 2"'], ['"i"', '"i.n >= 2 and i.n < 10"'],
                  ['"i"', '"i.tags contains \'b\'"'], ['"i"', '"i.title"']],
    "group_by": [['"team"'], ['"age"'], ['"tag"'], ['"n"'], ['"nope"']],
    "group_by_exp": [['"i"', '"i.age | plus: 1"'], ['"i"', '"i.name | downcase | slice: 0"'], ['"i"', '"i | size"'],
                     ['"i"', '"i.date | date: \'%Y\'"']],
    "find": [['"name"', "S"], ['"team"', '"red"'], ['"n"', "N"]],
    "find_exp": [['"i"', '"i.age > 26"'], ['"i"', '"i == 1"'], ['"i"', '"i.name == \'bob\'"']],
    "slugify": [[], ['"raw"'], ['"pretty"'], ['"ascii"'], ['"latin"'], ['"none"'], ['"default"', "true"]],
    "date_to_xmlschema": [[]], "date_to_rfc822": [[]], "date_to_string": [[], ['"ordinal"'], ['"ordinal"', '"US"'],
                                                                          ['"x"', '"US"']],
    "date_to_long_string": [[], ['"ordinal"'], ['"ordinal"', '"US"']], "xml_escape": [[]], "cgi_escape": [[]],
    "uri_escape": [[]], "jsonify": [[]], "inspect": [[]], "number_of_words": [[], ['"cjk"'], ['"auto"']],
    "array_to_sentence_string": [[], ['"or"'], ["S"]], "normalize_whitespace": [[]], "absolute_url": [[]],
    "relative_url": [[]], "markdownify": [[]], "smartify": [[]], "push": [["S"]], "pop": [[], ["N"]],
    "shift": [[], ["N"]], "unshift": [["S"]], "to_integer": [[]], "strip_index": [[]],
}


def literal(rng: random.Random, kind: str) -> str:
    if kind == "S":
        return rng.choice(STRINGS)
    if kind == "N":
        return rng.choice(NUMBERS + ["page.v0", "nil"] if rng.random() < 0.15 else NUMBERS)
    if kind == "L":
        return rng.choice(["page.list", "site.data.meta.words", "page.items", "nil", '"str"', "site.data.people"])
    return kind


def value(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        return rng.choice(STRINGS)
    if r < 0.45:
        return rng.choice(NUMBERS)
    if r < 0.52:
        return rng.choice(SPECIALS)
    return rng.choice(VARS)


def filter_call(rng: random.Random, name: str) -> str:
    args = [literal(rng, a) for a in rng.choice(FILTER_ARGS[name])]
    return f"{name}: {', '.join(args)}" if args else name


def filter_unit(rng: random.Random) -> Unit:
    names = list(FILTER_ARGS)
    first = rng.choice(names)
    chain = [filter_call(rng, first)] + [filter_call(rng, rng.choice(names)) for _ in range(rng.choice([0, 0, 1, 2]))]
    show = rng.choice(["", "", " | inspect", " | jsonify", " | size"])
    return Unit(f"filter:{first}", "{{ " + value(rng) + " | " + " | ".join(chain) + show + " }}")


OPERATORS = ["==", "!=", "<>", "<", ">", "<=", ">=", "contains"]

# {V} a value, {S} a string, {N} a number, {L} a list, {OP} an operator; one template per feature
TAG_TEMPLATES = {
    "tag:assign": ["{% assign x = {V} %}{{ x | inspect }}", "{% assign x = {V} | {F} %}{{ x | inspect }}",
                   "{% assign x.y = 1 %}{{ x | inspect }}", "{% assign page = {S} %}{{ page }}|{{ page.title }}",
                   "{% assign x = {L} %}{% assign x[0] = 1 %}{{ x | inspect }}", "{% assign x={V}%}{{x}}"],
    "tag:capture": ["{% capture x %}a{{ {V} }}b{% endcapture %}{{ x | inspect }}",
                    "{% capture x %}{% endcapture %}{{ x | inspect }}{{ x == blank }}{{ x == empty }}",
                    "{% capture 'q' %}v{% endcapture %}{{ q }}", "{%- capture x -%} {{ {V} }} {%- endcapture -%}[{{ x }}]"],
    # {C}: a counter name of this case alone (Jekyll's counters live in the site payload, shared by
    # every page rendered after: the same name in two cases would make them depend on each other)
    "tag:increment": ["{% increment {C} %}{% increment {C} %}{{ {C} }}{% assign {C} = 10 %}{% increment {C} %}{{ {C} }}",
                      "{% decrement {C} %}{% decrement {C} %}{{ {C} }}",
                      "{% assign {C} = 5 %}{% increment {C} %}{% decrement {C} %}{{ {C} }}",
                      "{% increment {C} %}{% decrement {C} %}{% decrement {C} %}{% increment {C} %}",
                      "{% capture {C} %}7{% endcapture %}{% increment {C} %}{{ {C} }}{% decrement {C} %}",
                      "{% increment {C}.x %}{{ {C}.x }}", "{% increment   {C}  %}{{ {C} }}", "{% increment {C} b %}{{ {C} }}",
                      "{% for i in (1..3) %}{% increment {C} %}{% endfor %}{{ {C} }}",
                      "{% decrement {C} %}{% assign {C} = {C} | plus: 5 %}{{ {C} }}{% decrement {C} %}{{ {C} }}",
                      "{% increment {C} %}{% include show.html a={C} %}", "{%- increment {C} -%}|{%- decrement {C} -%}"],
    "tag:cycle": ["{% for i in (1..4) %}{% cycle 'a', 'b', 'c' %}{% endfor %}",
                  "{% for i in (1..3) %}{% cycle 'g': 'a', 'b' %}{% cycle 'g': 'x', 'y' %}{% endfor %}",
                  "{% cycle {V}, {V} %}{% cycle {V}, {V} %}", "{% cycle 1, 2 %}{% cycle 1, 2 %}{% cycle 1,2 %}",
                  "{% for i in (1..3) %}{% cycle page.v0, 'b' %}{% endfor %}"],
    "tag:tablerow": ["{% tablerow i in {L} cols: 2 %}{{ i }}{% endtablerow %}",
                     "{% tablerow i in (1..5) cols: 2 limit: 4 offset: 1 %}{{ tablerowloop.col }}{{ tablerowloop.index }}{{ tablerowloop.col_last }}{% endtablerow %}",
                     "{% tablerow i in {L} %}{{ i.name }}{% endtablerow %}", "{% tablerow i in nil %}x{% endtablerow %}"],
    "tag:for": ["{% for i in {L} %}{{ forloop.index }}/{{ forloop.rindex0 }}/{{ forloop.length }}{{ forloop.first }}{{ forloop.last }}:{{ i | inspect }};{% endfor %}",
                "{% for i in {L} limit: {N} offset: {N} %}{{ i }},{% endfor %}",
                "{% for i in {L} reversed %}{{ i }},{% else %}none{% endfor %}",
                "{% for i in ({N}..{N}) %}{{ i }},{% endfor %}", "{% for i in ({S}..3) %}{{ i }},{% endfor %}",
                "{% for i in {V} %}[{{ i | inspect }}]{% else %}else{% endfor %}",
                "{% for i in (1..3) %}{% if i == 2 %}{% break %}{% endif %}{{ i }}{% endfor %}",
                "{% for i in (1..4) %}{% if i == 2 %}{% continue %}{% endif %}{{ i }}{% endfor %}",
                "{% for a in (1..2) %}{% for b in (1..2) %}{{ forloop.parentloop.index }}{{ b }} {% endfor %}{% endfor %}",
                "{% for i in (1..5) offset: continue limit: 2 %}{{ i }}{% endfor %}|{% for i in (1..5) offset: continue %}{{ i }}{% endfor %}",
                "{% for kv in page.keys %}{{ kv[0] | inspect }}={{ kv[1] | inspect }};{% endfor %}",
                "{% for kv in {V} %}{{ kv | inspect }};{% endfor %}", "{% for i in site.data.people reversed limit:2 %}{{ i.name }}{% endfor %}",
                "{% for i in (1..3) reversed offset: 1 %}{{ i }}{% endfor %}", "{% for i in {L} limit: -1 %}{{ i }}{% endfor %}",
                "{%for i in {L}%}{{i}}{%endfor%}{{ i }}|{{ forloop }}"],
    "tag:case": ["{% case {V} %}{% when {V} %}one{% when {V}, {V} %}two{% when {V} or {V} %}three{% else %}else{% endcase %}",
                 "{% case {V} %}{% when 1 or 2 %}a{% when 1 %}b{% endcase %}",
                 "{% case {S} %}{% when {S} %}s{% else %}e{% else %}e2{% endcase %}", "{% case %}{% endcase %}",
                 "{% case page.v0 %}{% when true %}T{% when nil %}N{% when empty %}E{% when blank %}B{% else %}?{% endcase %}"],
    "tag:if": ["{% if {V} {OP} {V} %}y{% else %}n{% endif %}",
               "{% if {V} {OP} {V} and {V} or {V} %}y{% else %}n{% endif %}",
               "{% unless {V} %}u{% elsif {V} %}e{% else %}x{% endunless %}",
               "{% if {V} %}y{% elsif {V} {OP} {V} %}e{% else %}n{% endif %}",
               "{% if {V} == empty %}E{% endif %}{% if {V} == blank %}B{% endif %}{% if {V} != nil %}N{% endif %}",
               "{% if {V} contains {S} %}c{% else %}nc{% endif %}", "{% if ({V} == {V}) %}p{% else %}np{% endif %}",
               "{% if {V} %}t{% else %}f{% endif %}", "{% if true or false and false %}t{% else %}f{% endif %}",
               "{% if {V} {OP} %}y{% endif %}", "{% if %}y{% endif %}"],
    "tag:raw": ["{% raw %}{{ x }}{% if %}{% endraw %}", "{% comment %}{{ x }} {% if x %}{% endcomment %}ok",
                "{%- raw -%} a {%- endraw -%}", "{% comment %}{% raw %}{% endcomment %}{% endraw %}{% endcomment %}x",
                "{% # inline comment %}i", "{% raw %}{% endraw"],
    "tag:include": ["{% include show.html a={V} b={V} %}", "{% include show.html a='x' b=page.v0 %}",
                    "{% include loop.html items={L} %}", "{% include nested.html a={S} %}{{ inner }}",
                    "{% include show.html a: 1 %}", "{% include {{ 'show' }}.html a=1 %}", "{% include missing.html %}",
                    "{% include show.html a=\"q\"b=2 %}", "{% include_relative ../fixed/one.html %}",
                    "{% assign f = 'show.html' %}{% include {{ f }} a=f %}"],
    "ws:control": ["a  {%- assign x = 1 -%}  b  {{- x -}}  c", "[\n  {%- if true -%}\n  y\n  {%- endif -%}\n]",
                   "{%- for i in (1..2) -%}\n {{ i }}\n{%- endfor -%}|", "x {{- '' }} y {{ '' -}} z",
                   "{%- comment -%} c {%- endcomment -%} k", "{%-raw-%} r {%-endraw-%}", "[ {{- {V} -}} ]"],
    "tag:liquid": ["{% liquid\nassign x = {V}\necho x | inspect\n%}",
                   "{% liquid\nfor i in (1..3)\n  echo i\nendfor\n%}", "{% echo {V} | {F} %}"],
    "site:pages": ["{% assign ps = site.pages | where: 'dir', '/fixed/' %}{{ ps | map: 'title' | join: ',' }}|{{ ps | sort: 'weight' | map: 'name' | inspect }}",
                   "{% assign ps = site.html_pages | where_exp: 'p', 'p.dir == \"/fixed/\"' %}{{ ps | map: 'url' | jsonify }}",
                   "{% assign ps = site.pages | where: 'dir', '/fixed/' | first %}{{ ps }}|{{ ps.content }}|{{ ps.tags | inspect }}",
                   "{% assign ps = site.pages | where: 'dir', '/fixed/' %}{{ ps | group_by: 'weight' | inspect }}",
                   "{{ site.static_files | size }}|{{ site.docs | map: 'title' | join: ',' }}|{{ site.docs | sort: 'order' | map: 'url' | join: ',' }}",
                   "{% for d in site.documents %}{{ d.collection }}:{{ d.url }}:{{ d.date | date: '%F' }};{% endfor %}",
                   "{% for c in site.collections %}{{ c.label }}={{ c.docs | size }}/{{ c.output }}/{{ c.relative_directory }};{% endfor %}",
                   "{{ site.tags.x | map: 'title' | inspect }}|{{ site.categories | inspect | size }}",
                   "{{ site.posts.first }}|{{ site.posts.first.excerpt }}|{{ site.posts.first.content | strip_html }}"],
    "output": ["{{ {V} }}", "{{ {V}.size }}", "{{ {V}.first }}", "{{ {V}['name'] }}", "{{ {V} | }}", "{{ }}",
               "{{ {V} {V} }}", "{{ 'a' 'b' }}", "{{ {V} | nofilter }}", "{{ -5 | abs }}{{ 1.5e2 }}{{ 0x10 }}",
               "{{ {V}[0][1] }}", "{{ page['title'] }}{{ page.['title'] }}", "{{ {V}..x }}", "{{ a.b.c.d }}"],
}


def fill(rng: random.Random, template: str, counter: str = "k") -> str:
    out = template.replace("{C}", counter)
    for slot, make in (("{V}", lambda: value(rng)), ("{S}", lambda: rng.choice(STRINGS)),
                       ("{N}", lambda: rng.choice(NUMBERS + ["page.v0", "2"])), ("{L}", lambda: literal(rng, "L")),
                       ("{OP}", lambda: rng.choice(OPERATORS)),
                       ("{F}", lambda: filter_call(rng, rng.choice(list(FILTER_ARGS))))):
        while slot in out:
            out = out.replace(slot, make(), 1)
    return out


# -- what layouts write: collections sorted, filtered and grouped, dates, includes with parameters ----------
# {COLL} a list of pages/documents/data, {P} a property, {DF} a date format, {X} a where_exp condition on `p`;
# these come from a random stream of their own (layout_units), so the units above stay as they were
LAYOUT_COLLS = ["site.pages", "site.html_pages", "site.posts", "site.docs", "site.documents", "site.data.people",
                "site.static_files", "site.categories.news", "site.tags.x", "site.collections", "page.items",
                "site.related_posts", "site.docs | reverse", "site.posts | where: 'author', 'bob'"]
LAYOUT_PROPS = ["title", "url", "name", "date", "order", "weight", "age", "team", "tags", "categories", "dir",
                "collection", "layout", "path", "slug", "ext", "excerpt", "id", "relative_path", "basename", "joined"]
LAYOUT_DATES = ['"%B %-d, %Y"', '"%b %d, %Y"', '"%Y-%m-%d"', '"%A, %e %B %Y %H:%M"', '"%d/%m/%y"', '"%Y"', '"%j %U %W %u"',
                '"%I:%M %p %Z"', '"%-m/%-d/%Y"', '"%c"', '"%x %X"', '"%s"', '"%G-W%V"', '"%k|%l|%P"', "site.date_format"]
LAYOUT_EXPS = ['"p.title"', '"p.title contains \'o\'"', '"p.url contains \'/fixed/\'"', '"p.weight > 1"',
               '"p.tags contains \'b\'"', '"p.date < site.time"', '"p.layout == \'plain\'"', '"p.order"',
               '"p.name == page.name"', '"p.collection == \'docs\' or p.title == \'One\'"', '"p.age >= 25 and p.team"',
               '"p.dir == page.dir"', '"p.url == page.url"', '"p.title != nil"', '"p.date.year == 2024"']
LAYOUT_TEMPLATES = [
    "{% assign l = {COLL} | where_exp: 'p', {X} | sort: '{P}' %}{{ l | map: '{P}' | jsonify }}|{{ l | size }}",
    "{% assign l = {COLL} | sort: '{P}', 'last' %}{% for p in l limit: 4 %}{{ forloop.index }}.{{ p.{P} }};{% endfor %}",
    "{% assign g = {COLL} | group_by: '{P}' %}{% for x in g %}[{{ x.name }}:{{ x.size }}:{{ x.items | map: 'title' | join: ',' }}]{% endfor %}",
    "{% assign g = {COLL} | group_by_exp: 'p', 'p.date | date: \"%Y\"' | sort: 'name' | reverse %}{% for y in g %}{{ y.name }}={{ y.items | size }};{% endfor %}",
    "{% assign g = {COLL} | group_by_exp: 'p', 'p.{P} | slugify' %}{{ g | map: 'name' | jsonify }}",
    "{{ {COLL} | map: '{P}' | compact | uniq | sort_natural | join: ', ' }}",
    "{{ {COLL} | where: '{P}', page.{P} | map: 'url' | jsonify }}",
    "{{ {COLL} | find_exp: 'p', {X} | map: 'title' | first }}|{{ {COLL} | find: '{P}', 'One' }}",
    "{% for p in {COLL} %}{% if p.url == page.url %}*{% endif %}{{ p.{P} | date: {DF} }}{% unless forloop.last %}, {% endunless %}{% endfor %}",
    "{{ page.date | date: {DF} }}|{{ site.time | date: '%Y' | minus: 2000 }}|{{ site.posts.first.date | date: {DF} }}|{{ site.data.meta.day | date: {DF} }}",
    "{{ site.posts.first.date | date_to_string: 'ordinal', 'US' }}|{{ site.posts.last.date | date_to_long_string }}|{{ site.data.meta.stamp | date_to_xmlschema }}|{{ page.date | date_to_rfc822 }}",
    "{{ page.title | slugify: '{SM}' }}|{{ site.data.people | map: 'name' | join: ' ' | slugify }}|{{ site.posts.first.title | slugify: 'pretty' | prepend: '#' }}",
    "{{ site.data.meta | jsonify }}|{{ site.data.people[1] | jsonify }}|{{ page.items | jsonify }}",
    "{{ site.data.people | map: 'tags' | jsonify }}|{{ site.data.people | map: 'joined' | jsonify }}",
    "{{ site.posts.first.excerpt | strip_html | strip_newlines | truncatewords: 3 }}|{{ site.posts.first.content | number_of_words }}|{{ site.posts.first.content | markdownify | strip }}",
    "{{ '**b** _i_ [l](https://ex.org/x) `c`' | markdownify }}|{{ site.data.meta.version | markdownify }}|{{ page.title | markdownify | strip_html | strip }}",
    "{% include list.html items={COLL} n=3 %}",
    "{% assign d = site.posts.first %}{% include card.html doc=d fmt={DF} %}{% include card.html doc=site.docs.last fmt='%Y' %}",
    "{% assign outer = 'o' %}{% include scope.html v=page.title list={COLL} %}|{{ from_include }}|{{ cap }}|{{ outer }}|{{ include.v }}",
    "{% capture outer %}{{ page.title | upcase }}{% endcapture %}{% include scope.html v='x' %}{{ outer }}|{% include scope.html %}{{ from_include }}",
    "{% for p in site.posts %}{% include show.html a=p.title b=p.tags %}{% endfor %}|{{ include.a }}",
    "{% for tag in site.tags %}{{ tag[0] }}={{ tag[1] | size }}{% endfor %}|{% for c in site.categories %}{{ c | first }}:{{ c | last | map: 'url' | join: ',' }}{% endfor %}",
    "{% assign crumbs = page.url | remove: '.html' | split: '/' %}{% for c in crumbs offset: 1 %}/{{ c | url_encode }}{% endfor %}|{{ page.url | absolute_url }}|{{ page.dir | relative_url }}",
    "{% assign p = page.previous | default: site.posts.last %}{{ p.url }}|{{ page.next.title | default: 'none' }}|{{ site.posts.first.next.url }}|{{ site.posts.last.previous.title }}",
    "{% assign s = {COLL} | sort: '{P}' %}{% assign t = s | reverse %}{{ s.first.{P} }}|{{ t.first.{P} }}|{{ s | first | map: '{P}' }}",
    "{% for c in site.collections %}{{ c.label }}:{{ c.docs | map: '{P}' | join: '+' }}:{{ c.files | size }};{% endfor %}",
    "{{ {COLL} | where_exp: 'p', {X} | map: 'title' | array_to_sentence_string }}|{{ {COLL} | size }}|{{ {COLL} | first | map: 'url' }}",
    "{% for p in {COLL} reversed limit: 2 %}{{ p.{P} | inspect }};{% endfor %}{% for p in {COLL} offset: 1 limit: 1 %}{{ p.url }}{% endfor %}",
]


def layout_unit(rng: random.Random) -> Unit:
    template = rng.choice(LAYOUT_TEMPLATES)
    out = template.replace("{P}", rng.choice(LAYOUT_PROPS)).replace("{SM}", rng.choice(["pretty", "ascii", "latin", "raw"]))
    for slot, choices in (("{COLL}", LAYOUT_COLLS), ("{DF}", LAYOUT_DATES), ("{X}", LAYOUT_EXPS)):
        while slot in out:
            out = out.replace(slot, rng.choice(choices), 1)
    return Unit(f"layout:{LAYOUT_TEMPLATES.index(template):02d}", out)


def layout_units(seed: int, index: int) -> list[Unit]:
    """0 to 2 layout units for case `index`, from a random stream of their own."""
    rng = random.Random(f"layouts-{seed}-{index}")
    return [layout_unit(rng) for _ in range(rng.choice([0, 1, 1, 2]))]


def yaml_unit(rng: random.Random, names: list[str], data: str | None) -> Unit:
    root = f"site.data.{data}" if data and rng.random() < 0.5 else "page"
    key = rng.choice(names or ["v0"])
    show = rng.choice(["{{ X }}", "{{ X | inspect }}", "{{ X | jsonify }}", "{{ X | date: '%Y-%m-%d %H:%M:%S %z' }}",
                       "{{ X | date_to_xmlschema }}", "{{ X | size }}|{{ X | first }}",
                       "{% for kv in X %}{{ kv | inspect }};{% endfor %}", "{{ X | plus: 0 }}", "{{ X | append: '' }}",
                       "{% if X %}t{% else %}f{% endif %}{% if X == empty %}e{% endif %}", "{{ X.x }}|{{ X.y }}|{{ X.z }}",
                       "{{ X | sort | inspect }}", "{{ X[true] }}|{{ X['true'] }}|{{ X[1] }}|{{ X['1'] }}|{{ X[nil] }}"])
    return Unit("yaml:" + ("data" if root != "page" else "front"), show.replace("X", f"{root}.{key}"))


MUTATIONS = ["{", "}", "%", "|", ":", ",", '"', "'", "-", " ", ".", "[", "]", "(", ")", "=", "!"]


def mutate(rng: random.Random, unit: Unit) -> Unit:
    text = unit.text
    for _ in range(rng.randint(1, 2)):
        at = rng.randrange(len(text) + 1)
        op = rng.randrange(3)
        if op == 0 and text:
            text = text[:at] + text[at + 1:]
        elif op == 1:
            text = text[:at] + rng.choice(MUTATIONS) + text[at:]
        else:
            text = text[:at] + rng.choice(MUTATIONS) * 2 + text[at:]
    return Unit(unit.feature + "~mut", text)


def make_case(rng: random.Random, index: int, mutation_rate: float, layouts: int | None = None) -> Case:
    name = f"c{index:05d}"
    front, names = front_matter(rng)
    data = None
    if rng.random() < 0.15:
        data_front, _ = front_matter(rng)
        data = data_front
    units = []
    for _ in range(rng.randint(2, 4)):
        r = rng.random()
        if r < 0.4:
            unit = filter_unit(rng)
        elif r < 0.62:
            unit = yaml_unit(rng, names, name if data else None)
        else:
            feature = rng.choice(list(TAG_TEMPLATES))
            unit = Unit(feature, fill(rng, rng.choice(TAG_TEMPLATES[feature]), f"k{index}"))
        if rng.random() < mutation_rate:
            unit = mutate(rng, unit)
        units.append(unit)
    ext = ".md" if rng.random() < 0.1 else ".html"
    if layouts is not None:
        units += layout_units(layouts, index)
    return Case(name, ext, front, tuple(units), data)


def make_cases(seed: int, count: int, mutation_rate: float = 0.05, layouts: bool = True) -> tuple[str, list[Case]]:
    """The config and `count` cases of `seed`; `layouts=False` leaves out the layout units (the
    corpus before they were added: its other units are the same either way)."""
    rng = random.Random(seed)
    return config_text(rng), [make_case(rng, i, mutation_rate, seed if layouts else None) for i in range(count)]
