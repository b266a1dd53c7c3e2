"""Rules found by bench/liquid_differential.py (random templates and front matter built by Jekyll
4.3.1 and by specsite): each case is a small page whose expected output is what Jekyll wrote for
it; where `jekyll` is installed, one test builds all of them with Jekyll again and compares."""
from __future__ import annotations

import shutil

import pytest

from conftest import jekyll_build, make_site, output_of

CONFIG = "title: T\ntimezone: UTC\ncollections:\n  docs: {output: true}\ndefaults:\n- scope: {path: \"\"}\n  values: {layout: plain}\n"
LAYOUT = {"_layouts/plain.html": "{{ content }}", "_docs/a.md": "---\ntitle: A\n---\nA\n",
          "_includes/show.html": "[{{ include.a }}|{{ include.b | inspect }}|{{ include | jsonify }}]"}

# (page name, front matter, body, Jekyll's output); a name ending in .md is a markdown page
CASES = [
    # kramdown writes the entity &quot; of a text as `"` (entity_to_str, entity_output :as_char),
    # in a paragraph, a list, a table; &quot; in a link title, &amp; and &lt; stay entities
    ("quote-entity.md", "t: 'say \"hi\" & <b>'\n",
     "{{ page.t | escape }}\n\n* {{ page.t | xml_escape }}\n\n| {{ page.t | escape }} |\n\n"
     "[l](/a \"{{ page.t | escape }}\") `{{ page.t | escape }}`\n",
     '<p>say "hi" &amp; &lt;b&gt;</p>\n\n<ul>\n  <li>say "hi" &amp; &lt;b&gt;</li>\n</ul>\n\n<table>\n  <tbody>\n'
     '    <tr>\n      <td>say "hi" &amp; &lt;b&gt;</td>\n    </tr>\n  </tbody>\n</table>\n\n'
     '<p><a href="/a" title="say &quot;hi&quot; &amp; &lt;b&gt;">l</a> <code class="language-plaintext highlighter-rouge">'
     'say &amp;quot;hi&amp;quot; &amp;amp; &amp;lt;b&amp;gt;</code></p>\n'),
    # a backslash-escaped quote is text to kramdown, written as it is (cmark: &quot;); a link title keeps it
    ("escaped-quote.md", "", r'a \"b\" [l](/a "t \" t")' "\n\n" r'| x \"y\" |' "\n",
     '<p>a "b" <a href="/a" title="t \\&quot; t">l</a></p>\n\n<table>\n  <tbody>\n    <tr>\n'
     '      <td>x "y"</td>\n    </tr>\n  </tbody>\n</table>\n'),
    # Capture#initialize: the variable is the first run of VariableSignature characters
    ("capture-name", "", "{% capture 'q' %}v{% endcapture %}[{{ q }}]{% capture \"a b\" %}w{% endcapture %}"
     "[{{ a }}|{{ b }}]{% capture x.y %}z{% endcapture %}[{{ x.y }}]", "[v][w|][]"),
    # Psych's merge keys: merge! where '<<' stands; a list or scalar stays the key "<<"
    ("merge-keys", "b: &b {x: 1, y: two}\nm: {y: 3, <<: *b}\nl: &l [1, 2]\nn: {<<: *l, z: 1}\n",
     "{{ page.m | inspect }}|{{ page.n | inspect }}", 
     "{&quot;y&quot;=&gt;&quot;two&quot;, &quot;x&quot;=&gt;1}|{&quot;&lt;&lt;&quot;=&gt;[1, 2], &quot;z&quot;=&gt;1}"),
    # a tag Psych has no class for is ignored (the page keeps its front matter)
    ("unknown-tag", "v: !custom thing\nw: !!python/x 1\n", "{{ page.v }}|{{ page.w | plus: 1 }}", "thing|2"),
    # a list as a key (Psych's Hash takes any object): the front matter is kept
    ("list-key", "a: 1\n? [x, y]\n: complex\n", "{{ page.a }}|{% for kv in page %}{% if kv[1] == 'complex' %}"
     "{{ kv[0] | join: '+' }}{% endif %}{% endfor %}", "1|x+y"),
    # Ruby's Hash keeps true and 1, false and 0, 1 and 1.0 apart; `h[true]`, `h[nil]` look up those keys
    ("ruby-keys", "v: {1: one, true: t, 0: z, false: f, 1.0: fl, ~: n}\n",
     "{{ page.v | size }}|{{ page.v | jsonify }}|{% for kv in page.v %}{{ kv[0] }}={{ kv[1] }};{% endfor %}|"
     "{{ page.v[1] }}|{{ page.v[true] }}|{{ page.v[false] }}|{{ page.v[nil] }}|{{ page.v['true'] }}|"
     "{% for kv in page.v %}{% if kv[0] == true %}T{% endif %}{% endfor %}",
     '6|{"1":"one","true":"t","0":"z","false":"f","1.0":"fl","":"n"}|1=one;true=t;0=z;false=f;1.0=fl;=n;|'
     "one|t|f|n||T"),
    # Hash#[] finds a key by eql?: `h[1]` is not the key true, `h[0]` not false, 1 and 1.0 and 2.0 and 2
    # are apart; a page's to_liquid is a Hash (page[1] nil), `jekyll` a Liquid::Drop (nil), site[nil] nil
    ("hash-key-classes", "t: {true: t, false: f}\no: {1: one, 0: z}\nfl: {1.0: fl, 2: two, 1.5: x}\ni: {1: one, 2.0: tf}\n",
     "[{{ page.t[1] }}|{{ page.t[0] }}|{{ page.o[true] }}|{{ page.o[false] }}|{{ page.fl[1] }}|{{ page.fl[2.0] }}|"
     "{{ page.i[1.0] }}|{{ page.i[2] }}|{{ page.t[true] }}|{{ page.o[1] }}|{{ page.fl[1.5] }}|{{ page.fl[1.0] }}|"
     "{% assign k = page.o | first | first %}{{ page.t[k] }}{{ page.o[k] }}|{{ page[1] | inspect }}|"
     "{{ page[1.5] | inspect }}|{{ jekyll[1] | inspect }}|{{ site[nil] | inspect }}]",
     "[||||||||t|one|x|fl|one|nil|nil|nil|nil]"),
    # `jekyll` is a Liquid::Drop: nothing to loop over, no size or first, its class's name as to_s and
    # inspect, one item to the filters (where returns it), to_json its to_h
    ("jekyll-drop", "", "[{{ jekyll }}|{{ jekyll | jsonify }}|{{ jekyll | join: ',' }}|{{ jekyll | first | inspect }}|"
     "{{ jekyll.size | inspect }}|{{ jekyll | size }}|{{ jekyll.first | inspect }}|{{ jekyll.environment }}|"
     "{{ jekyll | map: 'version' | inspect }}|{% for k in jekyll %}{{ k }}{% else %}E{% endfor %}|{{ jekyll | inspect }}|"
     "{% if jekyll == empty %}em{% endif %}|{{ jekyll | where: 'version', '4.3.1' | inspect }}]",
     '[Jekyll::Drops::JekyllDrop|{"version":"4.3.1","environment":"development"}|Jekyll::Drops::JekyllDrop|nil|nil|0|'
     'nil|development|[&quot;4.3.1&quot;]|E|Jekyll::Drops::JekyllDrop||Jekyll::Drops::JekyllDrop]'),
    # a Jekyll drop is Enumerable: Drop#each yields [key, value], which where_exp and find_exp walk
    ("exp-filters-on-a-drop", "", '[{{ site.docs.first | where_exp: "d", "d.title == \'A\'" | inspect }}|'
     '{{ site.docs.first | find_exp: "d", "d.title == \'A\'" | inspect }}|'
     '{{ site.docs.first | where_exp: "d", "d[0] == \'title\'" | inspect }}|'
     '{{ site.docs.first | find_exp: "d", "d[0] == \'title\'" | inspect }}|'
     '{{ site.collections[0] | find_exp: "d", "d[0] == \'label\'" | last }}|'
     '{{ site.collections[0] | where_exp: "d", "d[1] == true" | inspect }}]',
     "[[]|nil|[[&quot;title&quot;, &quot;A&quot;]]|[&quot;title&quot;, &quot;A&quot;]|docs|[[&quot;output&quot;, true]]]"),
    # sort of a drop: `input.sort` orders its [key, value] pairs; with a property `input.map` takes its
    # keys (map's block gets Drop#each's first value), each a String asked for the property (nils first or last)
    ("sort-a-drop", "", '[{{ site.docs.first | sort | first | inspect }}|{{ site.docs.first | sort: "title" | last }}|'
     '{{ site.collections[0] | sort: "label" | join: "," }}|{{ site.collections[0] | sort: "e", "last" | join: "," }}|'
     '{{ site.docs.first | sort: "title" | uniq: "title" | inspect }}]',
     "[[&quot;categories&quot;, []]|title|files,docs,output,relative_directory,directory,label|"
     "label,files,relative_directory,directory,docs,output|[&quot;name&quot;, &quot;title&quot;]]"),
    # JSON.generate writes a key's to_s: two keys that write alike (true and "true", 1 and "1") are two members
    ("json-duplicate-keys", "keys: {'true': ~, false: x, on: '  p  ', 1: one, '1': s, 1.0: f}\nn: {a: {'true': 1, true: 2}}\n",
     "[{{ page.keys | jsonify }}|{{ page.n | jsonify }}]",
     '[{"true":null,"false":"x","true":"  p  ","1":"one","1":"s","1.0":"f"}|{"a":{"true":1,"true":2}}]'),
    # a key kept apart from its Python equal (true beside "true", 1.0 beside 1) is itself as a value: [true, "b"]
    ("json-kept-keys", "h: {'true': s, true: b, 1: i, 1.0: f}\n",
     '[{% for kv in page.h %}{{ kv | jsonify }}{% endfor %}|{{ page.h | group_by_exp: "i", "i | size" | jsonify }}]',
     '[["true","s"][true,"b"][1,"i"][1.0,"f"]|[{"name":2,"items":[["true","s"],[true,"b"],[1,"i"],[1.0,"f"]],"size":4}]]'),
    # Range#to_json is its to_s ("1..5"), also as a group's name
    ("json-ranges", "", '[{{ (1..5) | jsonify }}|{{ (3..1) | jsonify | jsonify }}|{% assign r = (2..4) %}{{ r | jsonify }}|'
     '{{ (1..3) | push: 4 | jsonify }}|{{ (1..2) | group_by_exp: "i", "(1..i)" | jsonify }}]',
     '["1..5"|"\\"3..1\\""|"2..4"|"1..3"|[{"name":"1..1","items":[1],"size":1},{"name":"1..2","items":[2],"size":1}]]'),
    # SiteDrop#to_s is Liquid::Drop's, its class's name (the string filters read it); no size
    ("site-to-s", "", '[{{ site }}|{{ site | downcase }}|{{ site | append: "!" }}|{{ site | size }}|{{ site | split: "::" | last }}]',
     "[Jekyll::Drops::SiteDrop|jekyll::drops::sitedrop|Jekyll::Drops::SiteDrop!|0|SiteDrop]"),
    # Context#invoke to_liquid's each filter's result: `blank` or `empty` handed back by a date filter is ''
    ("method-literal-results", "", '[{{ blank | date_to_long_string | inspect }}|{{ blank | date_to_rfc822 | inspect }}|'
     '{{ blank | date_to_xmlschema | inspect }}|{{ empty | date_to_string | inspect }}|'
     '{{ blank | date_to_long_string: "ordinal", "US" | date_to_rfc822 | inspect }}|{{ blank | date: "%Y" | inspect }}]',
     "[&quot;&quot;|&quot;&quot;|&quot;&quot;|&quot;&quot;|&quot;&quot;|&quot;&quot;]"),
    # a date past the year 9999 (a Ruby Date or Time from YAML): the date filters write it
    ("far-years", "d: 10000-01-01\nt: 12345-06-07 01:02:03 +00:00\n",
     '{{ page.d }}|{{ page.d | date: "%Y-%m-%d %a %j %C %y %G %V %F %s %-Y|%c|%%Y" }}|{{ page.d | date_to_xmlschema }}|'
     '{{ page.d | date_to_rfc822 }}|{{ page.d | date_to_string: "ordinal", "US" }}|{{ page.t | date_to_long_string }}|'
     '{{ page.t | date: "%Y %H:%M:%S %z %s" }}|{{ "10000-03-05 10:00" | date: "%B %Y" }}',
     "10000-01-01|10000-01-01 Sat 001 100 00 9999 52 10000-01-01 253402300800 10000|Sat Jan  1 00:00:00 10000|%Y|"
     "10000-01-01T00:00:00+00:00|Sat, 01 Jan 10000 00:00:00 +0000|Jan 1st, 10000|07 June 12345|"
     "12345 01:02:03 +0000 327416950923|March 10000"),
    # include parameters are Jekyll's to read: `a=page.keys.true` is a variable (python-liquid's
    # keywords are not bracketed there), `empty` and `blank` are ""
    ("include-params", "keys: {'true': T}\n", "{% include show.html a=page.keys.true b=empty %}|"
     "{% include show.html a=page.keys.in b=blank %}", '[T|&quot;&quot;|{"a":"T","b":""}]|[|&quot;&quot;|{"a":null,"b":""}]'),
    # url_encode, url_decode (Liquid 5.4) and uri_escape (Addressable) leave nil nil
    ("nil-urls", "", '{{ nil | url_decode | relative_url | default: "d" }}|{{ nil | uri_escape | inspect }}|'
     '{{ nil | url_encode | inspect }}|{% for i in (1..3) limit: "2" %}{{ i }}{% endfor %}', "d|nil|nil|12"),
    # replace_last and remove_last (Liquid 5.4) on to_s; a Bignum's size is its bytes
    ("last-and-size", "", '{{ "abcabc" | remove_last: "bc" }}|{{ "The fox" | remove_last: "The fox" }}|'
     '{{ "abcabc" | replace_last: "bc", "X" }}|{{ 2 | minus: 100000000000000000000 | size }}|'
     '{{ 4611686018427387904 | size }}', "abca||abcaX|9|8"),
    # Jekyll's Expression::MethodLiteral: `case empty` is equal to no when; a when's empty is Condition's
    ("case-empty", "", '{% case empty %}{% when "" %}one{% else %}else{% endcase %}|'
     '{% case "" %}{% when empty %}one{% else %}else{% endcase %}|'
     '{% case "x" %}{% when "y" %}s{% else %}e{% else %}e2{% endcase %}', "else|one|ee2"),
    # CollectionDrop#to_s is its docs' inspect; a drop has no size
    ("collections", "", '[{{ site.collections }}|{{ site.collections | first | size }}|'
     '{{ site.collections | map: "label" | join }}]',
     "[[#<Jekyll::Document _docs/a.md collection=docs>][]|0|docs posts]"),
    # echo writes what {{ }} writes: Ruby's output of the value
    ("echo", "h: {a: 1}\nl: [1, [2, 3]]\n", "[{% echo page.h %}|{% echo page.l %}|{% echo 1.0 %}|{% liquid\n"
     "echo page.h\necho site.docs\n%}|{% echo nil %}|{% echo true %}]", '[{"a"=>1}|123|1.0|{"a"=>1}<p>A</p>\n||true]'),
    # Ruby's strict parser reads `(` as a range only: Jekyll warns and reads the condition lax,
    # where `(2` is the variable "2" and `007)` the variable "007" (both nil: equal)
    ("grouped-conditions", "v1: 3.14\n",
     '[{% if (2 == 007) %}p{% else %}np{% endif %}|{% if (3.14 == page.v1) %}p{% else %}np{% endif %}|'
     '{% if ("1/2/2024" == page.date) %}p{% else %}np{% endif %}|{% if (empty == 007) %}p{% else %}np{% endif %}|'
     '{% if (page.v1 == 3.14) %}p{% else %}np{% endif %}|{% if a == (1..3) %}r{% endif %}]', "[p|np|p|p|np|]"),
    # a Unix time past 9999 (Time.at holds it); Jekyll's MethodLiteral in strip_index; Range#sort
    ("far-unix-times", "", "[{{ 100000000000000000000 | date_to_xmlschema }}|"
     "{{ '100000000000000000000' | date: '%Y-%m-%d %H:%M %s' }}|{{ 253402300800 | date_to_rfc822 }}|"
     "{{ blank | strip_index | inspect }}|{{ (3..1) | sort | inspect }}|{{ (1..3) | sort | join }}]",
     "[3168873852651-02-22T09:46:40+00:00|3168873852651-02-22 09:46 100000000000000000000|"
     "Sat, 01 Jan 10000 00:00:00 +0000|nil|[]|1 2 3]"),
    # a Range is Enumerable for Jekyll's where/find/group_by(_exp); escape_once of nil is ""
    ("range-filters", "", '[{{ (1..5) | find_exp: "i", "i == 9" | jsonify }}|{{ (1..5) | group_by_exp: "i", "i | modulo: 2" '
     '| jsonify }}|{{ (3..1) | where: "title", "x" | jsonify }}|{{ nil | escape_once | jsonify }}|'
     '{{ (1..4) | where_exp: "i", "i > 2" | join }}]',
     '[null|[{"name":1,"items":[1,3,5],"size":3},{"name":0,"items":[2,4],"size":2}]|[]|""|3 4]'),
    # RangeLookup#to_integer: a looked-up nil or string end is to_i'd; an assigned empty/blank reads back as ""
    ("range-ends-and-blank", "v0: \"ünï\"\nn: \"3x\"\n", "[{% for i in (-0..page.v0) %}{{ i }},{% endfor %}|"
     "{% for i in (1..nope) %}{{ i }}{% else %}e{% endfor %}|{% for i in (1..page.n) %}{{ i }}{% endfor %}|"
     "{% assign x = blank %}{{ x | inspect }}|{% assign y = empty %}{{ y | size }}{% if y == empty %}E{% endif %}]",
     "[0,|e|123|&quot;&quot;|0E]"),
    # Increment#initialize, Decrement#initialize: the counter's name is the whole markup, stripped
    ("counter-names", "", "{% increment k b %}{{ k }}|{% increment x.y %}{{ x.y }}|{% increment %}{% increment %}|"
     "{% decrement  q  %}{{ q }}", "0|0|01|-1-1"),
    # Cycle: values split at commas (inside quotes too), nil dropped, arrays joined, Ruby's to_s;
    # an unnamed cycle of literals shares its count with the same literals, one with a variable not
    ("cycle", "v: [1, [2, 3], []]\nh: {a: 1}\nf: .inf\n",
     "{% for i in (1..3) %}{% cycle page.v, 'b' %}{% endfor %}|{% cycle page.h, page.f %}|{% cycle (3..1), 2 %}|"
     "{% cycle \"a,b,,c\", \"x\" %}|{% cycle \"a\", \"b\" %}{% cycle 'a', \"b\" %}|{% cycle x, 'y' %}{% cycle x, 'y' %}|"
     "{% cycle nil, 'n' %}{% cycle nil, 'n' %}|{% cycle 'g': 1, 2, 3 %}{% cycle 'g': 'x' %}{% cycle 'g': 'y', 'z' %}|"
     "{% for i in (1..3) %}{% cycle page.f, 'd' %}{% endfor %}",
     '123b123|{"a"=>1}|3..1||ab||nn|1y|InfinitydInfinity'),
    # RangeLookup: literal ends to_i'd when parsed, a descending range empty but shown with its ends
    ("ranges", "s: \"10\"\n", "{{ (3..1) }}|{% for i in (3..1) %}x{% else %}e{% endfor %}|{% for i in (1.5..3) %}{{ i }}"
     "{% endfor %}|{% for i in (\"8\"..page.s) %}{{ i }}{% endfor %}|{% for i in (\"a\"..2) %}{{ i }}{% endfor %}",
     "3..1|e|123|8910|012"),
    # slice_collection_using_each: a string is one item whatever limit and offset say; a range
    # whose end has a space is no range (RANGES_REGEX's \\S+) but a variable, nil
    ("loops", "", "{% for i in 'str' limit: -1 %}{{ i }}{% endfor %}|{% for i in 'str' offset: 1 %}{{ i }}{% endfor %}|"
     "{% for i in ('a b'..3) %}{{ i }}{% endfor %}", "str|str|"),
    # Liquid's InputIterator to_liquid's each item (reverse, uniq, compact, sort_natural, concat's input)
    # and push takes a variable's to_liquid: a document there is a DocumentDrop, which inspects as
    # JSON.pretty_generate(to_h) inside an array too; site.collections holds CollectionDrops (their docs
    # as Document#to_s); Jekyll's own sort, where and the array itself hold the Documents
    ("to-liquid-in-arrays", "",
     '[{{ site.docs | reverse | inspect | slice: 0, 48 }}|{{ site.docs | compact | downcase | slice: 0, 16 }}|'
     '{% assign d = site.docs[0] %}{{ site.docs | where: "title", "A" | push: d | inspect | slice: 0, 60 }}|'
     '{{ site.docs | sort_natural | sort: "title" | inspect | slice: 0, 14 }}|{{ site.docs | inspect }}|'
     '{{ site.collections | inspect | split: "relative_dir" | first }}]', '[[{\n  &quot;name&quot;: &quot;a.md&quot;,\n  &quot|[{\n  "name": "a.|[#&lt;Jekyll::Document _docs/a.md collection=docs&gt;, {\n  &|[{\n  &quot;nam|[#&lt;Jekyll::Document _docs/a.md collection=docs&gt;]|[{\n  &quot;label&quot;: &quot;docs&quot;,\n  &quot;files&quot;: [\n\n  ],\n  &quot;docs&quot;: [\n    &quot;&lt;p&gt;A&lt;/p&gt;\\n&quot;\n  ],\n  &quot;output&quot;: true,\n  &quot;]'),
    # Case has no strict parser: the case value is the first QuotedFragment, each when a QuotedFragment
    # then `or` or a comma and the rest; two else blocks both render
    ("lax-case", "v: b\n",
     "[{% case 'it''s' %}{% when \"x\" %}s{% else %}e{% else %}e2{% endcase %}|"
     "{% case page.v | upcase %}{% when 'b' 'c' %}B{% when \"x\" or 'y' z %}n{% endcase %}|"
     "{% case 'a' %}{% when 'b', 'a' junk %}A{% else %}e{% endcase %}|{% case x y %}{% when nil %}N{% endcase %}|"
     "{% case page.v %}{% when 'a' | b %}A{% when 'b' | b %}B{% endcase %}]", '[ee2|B|A|N|B]'),
    # lax Expression.parse: a range's ends are expressions (`((1..5)` is (nil..5)), `[x]` a lookup of
    # Expression.parse(x) (`[0%]` is the variable "0", nil); echo reads its markup lax as {{ }} does
    ("lax-lookups", "l: [1, 2, 3]\n",
     '[{% if ((1..5) == page.content) %}p{% else %}np{% endif %}|{% if ("Mar 5 2024" == page.url) %}p{% else %}np{% endif %}|'
     '{{ page.l[0%] | uniq: "team" | inspect }}|{% liquid\nassign x = page.l.size\necho x | inspec{{t\n%}|'
     '{% echo page.l | join: "-" ; %}]', '[np|np|[]|3|1-2-3]'),
    # map's e[property] on a String, an Integer or an Array takes a Float's to_int
    ("map-index", "l: [[1, 2], [3, 4]]\n",
     '[{{ "map-index" | map: 3.14 }}|{{ "title" | map: "it" | inspect }}|{{ page.l | map: 1.9 | inspect }}|'
     '{{ 5 | map: 2.5 | inspect }}|{{ "abc" | map: -1.5 | inspect }}]', '[-|[&quot;it&quot;]|[0, 1, 1, 0]|[1]|[&quot;c&quot;]]'),
    # `key: value` arguments reach a Ruby filter as one Hash after the others (Liquid's parse_filter_expressions)
    ("filter-options-hash", "", '[{{ 2.5 | round: n: 1 }}|{{ false | default: "d", allow_false: true }}|'
     '{{ "a b" | split: x: 1 | size }}|{{ nil | plus: x: 1 }}|{{ "abc" | truncate: 2, x: 1 }}]',
     '[3|false|1|0|{"x"=>1}]'),
    # Range#first and #last are its ends (empty or not); lax: a name no variable can have (`-`) is nil;
    # Array#sort asks `a <=> b` in glibc's merge order, and Date#<=> takes a Numeric (`847 <=> date` would
    # fail); pop and shift read their count with Utils.to_integer (Kernel#Integer: "0x2" is 2)
    ("ends-orders-counts", "v0: [2024-03-05, 14:07]\n",
     '[{{ (3..1) | first | inspect }}|{{ (3..1) | last }}|{{ (1..4) | last }}|{{- - pagev2 | inspect }}|'
     '{{ page.v0 | sort | inspect }}|{{ site.data.m | default: "3,1,2,10" | split: "," | pop: "0x2" | join: "," }}|'
     '{{ "3,1,2,10" | split: "," | shift: " 1 " | join: "," }}]',
     "[3|1|4|nil|[50820, #&lt;Date: 2024-03-05 ((2460375j,0s,0n),+0s,2299161j)&gt;]|3,1|1,2,10]"),
    # item_property reads a document's drop (DocumentDrop#excerpt: its Excerpt's to_s) for where, group_by
    # and sort; sort_input's `a <=> b || a.to_s <=> b.to_s`: true <=> 42 is nil, so "42" < "Case" < "true"
    ("drop-properties", "l: [{t: yes}, {t: 42}, {t: Case}, {t: true}, {u: 1}, {t: 7}]\n",
     "[{% assign g = site.docs | group_by: 'excerpt' %}{% for x in g %}({{ x.name }}:{{ x.size }}){% endfor %}|"
     "{{ site.docs | where: 'excerpt', page.excerpt | size }}|{{ site.docs | where_exp: 'd', 'd.excerpt contains \"A\"' | size }}|"
     "{{ page.l | sort: 't', 'last' | map: 't' | jsonify }}|{{ page.l | sort: 't' | map: 't' | jsonify }}]",
     '[(<p>A</p>\n:1)|0|1|[7,42,"Case",true,true,null]|[null,7,42,"Case",true,true]]'),
    # Jekyll's MethodLiteral to_liquid's to "" in InputIterator; Date._parse takes no string over 128
    # characters (Time.parse fails: the date filter gives its input back); lax `[true'` is the key "true"
    ("literal-items-long-dates", "m: {'true': s, true: b}\nlong: \"2024-03-05 %s\"\n" % ("x" * 120),
     '[{{ blank | uniq: "team" | inspect }}|{{ empty | compact: "x" | inspect }}|{{ blank | reverse | size }}|'
     '{{ page.long | date: "%Y" | size }}|{{ page.long | truncate: 20, "" | date: "%Y" }}|'
     "{% if page.m[true'] %}t{% else %}f{% endif %}|{% if page.m[true'] == 's' %}t{% else %}f{% endif %}]",
     "[[&quot;&quot;]|[]|1|131|2024|t|f]"),
    # an undated document's date is Site#time itself (`p.date < site.time` holds for none); strip_index
    # of "" is nil (`return if input.nil? || input.to_s.empty?`); lax `flo::or` is the filter flo given
    # the variable "or" (unknown: its input passes), as Ruby's FilterArgsRegex scans it
    ("site-time-and-lax-words", "",
     '[{{ site.docs | where_exp: "p", "p.date < site.time" | size }}|{{ site.docs | where_exp: "p", "p.date == site.time" | size }}|'
     '{{ nil | remove_first: "x" | strip_index | inspect }}|{{ "3.5" | flo::or | times: 2 | sze }}]', "[0|1|nil|7.0]"),
    # SiteDrop is Enumerable: Drop#each yields its keys (content methods, then the configuration in
    # Configuration::DEFAULTS' order, the site's other keys, `serving`); Enumerable#first is [key, value]
    ("site-keys", "", '[{% for x in site %}{{ x }},{% endfor %}|{{ site | map: "x" | size }}|{{ site | first | first }}|'
     '{{ site | size }}|{{ site | first | last | size }}]',
     "[posts,time,html_pages,config,documents,pages,data,categories,related_posts,tags,static_files,collections,source,"
     "destination,collections_dir,cache_dir,plugins_dir,layouts_dir,data_dir,includes_dir,safe,include,exclude,keep_files,"
     "encoding,markdown_ext,strict_front_matter,show_drafts,limit_posts,future,unpublished,whitelist,plugins,markdown,"
     "highlighter,lsi,excerpt_separator,incremental,detach,port,host,baseurl,show_dir_listing,permalink,paginate_path,"
     "timezone,quiet,verbose,defaults,liquid,kramdown,title,serving,|53|posts|0|0]"),
    # absolute_url/relative_url: `input.url if input.respond_to?(:url)`: a document's drop has url, a
    # Hash (the site's data, a page's to_liquid) has none: its inspect is the path
    ("url-of-what", "h: {url: /x.html}\n",
     '[{{ page.h | relative_url }}|{{ site.docs.first | relative_url }}|{{ page | relative_url | size }}]',
     "[/%7B%22url%22=%3E%22/x.html%22%7D|/docs/a.html|443]"),
]

# (page name, body, the message Jekyll stops with)
FAILING = [
    ("range-of-a-float", "---\nf: 1.5\n---\n{% for i in (page.f..3) %}{{ i }}{% endfor %}", "invalid integer"),
    ("loop-limit", "---\n---\n{% for i in (1..3) limit: 1.0 %}{{ i }}{% endfor %}", "invalid integer"),
    ("range-to-integer", "---\n---\n{{ (1..5) | to_integer }}", "undefined method `to_i' for 1..5:Range"),
    ("truncatewords-limit", "---\n---\n{{ 'a b c' | truncatewords: 2147483647 }}",
     "integer 2147483647 too big for truncatewords"),
    ("hash-sort", "---\nv: {true: 1, a: 2}\n---\n{{ page.v | sort }}", "comparison of Array with Array failed"),
    # Drop#key? asks respond_to?(key): a Jekyll drop stops the build on a key that is no String
    ("drop-integer-key", "---\n---\n{{ site.docs[0][1] }}", "1 is not a symbol nor a string"),
    ("site-float-key", "---\n---\n{{ site[1.5] }}", "1.5 is not a symbol nor a string"),
    ("collection-list-key", "---\nl: [1, a]\n---\n{{ site.collections[0][page.l] }}", '[1, "a"] is not a symbol nor a string'),
    # where and find on a drop ask each [key, value] pair for the property: Array#[] wants an Integer
    ("where-on-a-document", "---\n---\n{{ site.docs.first | where: 'title', 'A' }}", "no implicit conversion of String into Integer"),
    ("find-on-a-document", "---\n---\n{{ site.docs.first | find: 'title', 'A' }}", "no implicit conversion of String into Integer"),
    ("slice-bignum", "---\n---\n{{ 'abc' | slice: 100000000000000000000 }}", "bignum too big to convert into `long'"),
    # a filter is a Ruby method: other argument counts are its ArgumentError; Variable#lax_parse scans a
    # filter's arguments from the start of its piece (`|, reverse` is reverse given "reverse")
    ("arity-too-many", "---\n---\n{{ 'a' | upcase: 1 }}", "wrong number of arguments (given 2, expected 1)"),
    ("arity-lax-comma", "---\n---\n{{ 1 | absolute_url |, reverse }}", "wrong number of arguments (given 2, expected 1)"),
    ("arity-lax-none", "---\n---\n{{ 'a' | append|: 'b' }}", "wrong number of arguments (given 1, expected 2)"),
    ("arity-slice", "---\n---\n{{ 'ab' | slice:| 2 }}", "wrong number of arguments (given 1, expected 2..3)"),
    ("arity-where", "---\n---\n{{ site.pages | where: 'title' }}", "wrong number of arguments (given 2, expected 3)"),
    # beside a looked-up end, RangeLookup#evaluate gives a literal end to Utils.to_integer too
    # Jekyll's pop and shift read the count with Liquid::Utils.to_integer: a Float or nil is no Integer
    ("pop-float", "---\n---\n{{ 'a,b' | split: ',' | pop: 1.0 }}", "invalid integer"),
    ("shift-nil", "---\n---\n{{ 'a,b' | split: ',' | shift: nil }}", "invalid integer"),
    # Time.parse's Date._parse takes no string over 128 characters: Jekyll's date filters find no date
    ("long-date-string", "---\nlong: \"2024-03-05 %s\"\n---\n{{ page.long | date_to_xmlschema }}" % ("x" * 120),
     "Invalid Date: '\"2024-03-05 %s\"' is not a valid datetime" % ("x" * 120)),
    # Integer#round takes a C int, Array#shift a C long (Ruby's RangeError)
    ("round-bignum", "---\n---\n{{ 3 | round: 100000000000000000000 }}", "bignum too big to convert into `long'"),
    ("round-int", "---\n---\n{{ 3 | round: 2147483648 }}", "integer 2147483648 too big to convert to `int'"),
    ("shift-bignum", "---\n---\n{{ 'a,b' | split: ',' | shift: 100000000000000000000 }}", "bignum too big to convert into `long'"),
    ("map-bignum", "---\n---\n{{ '10' | map: 100000000000000000000 }}", "bignum too big to convert into `long'"),
    ("range-literal-float-end", "---\nn: 2\n---\n{% for i in (page.n..3.14) %}{{ i }}{% endfor %}", "invalid integer"),
    # TableRow has no strict parser: no `word in` in its markup is Ruby's syntax error
    ("tablerow-syntax", "---\n---\n{% tablerow i- in nil %}x{% endtablerow %}",
     "Syntax Error in 'table_row loop' - Valid syntax: table_row [item] in [collection] cols=3"),
]


def _site(tmp_path):
    files = {"_config.yml": CONFIG, **LAYOUT}
    for name, front, body, _ in CASES:
        files[name if name.endswith(".md") else f"{name}.html"] = f"---\n{front}---\n{body}"
    return make_site(tmp_path / "site", files)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build_site
    return build_site(_site(tmp_path_factory.mktemp("diff")))


@pytest.mark.parametrize("name, expected", [(c[0], c[3]) for c in CASES])
def test_specsite_writes_what_jekyll_wrote(built, name, expected):
    assert output_of(built, f"{name.removesuffix('.md')}.html") == expected


def test_a_number_run_into_a_name_is_a_variable_with_a_warning(site_factory):
    """`{{ 1e3 }}`: Ruby Liquid's strict lexer reads 1 then the name e3 ("Expected end_of_string
    but found id"): Jekyll warns and reads `1e3` as a variable, nil; specsite warns at the line."""
    from conftest import diagnostics_of, output_of
    site = site_factory({"_config.yml": CONFIG, **LAYOUT, "n.html": "---\n---\n[{{ 1e3 }}|{{ 3 | plus: 1e3 }}]"})
    assert output_of(site, "n.html") == "[|3]"
    assert [(d.rule, d.line) for d in diagnostics_of(site) if d.severity == "warning"] == [("liquid-syntax", 3)] * 2


@pytest.mark.parametrize("name, body, message", FAILING)
def test_where_jekyll_stops_specsite_fails_at_the_line(site_factory, name, body, message):
    from conftest import diagnostics_of
    site = site_factory({"_config.yml": CONFIG, **LAYOUT, f"{name}.html": body})
    errors = [d for d in diagnostics_of(site) if d.severity == "error"]
    assert [(e.path, e.line, e.message) for e in errors] == [(f"{name}.html", body.count("\n") + 1, message)]


def test_to_integer_of_a_method_literal_stops_the_build(site_factory):
    """Jekyll's `blank` and `empty` are MethodLiterals, which have no to_i: Jekyll 4.3.1 stops with
    "undefined method `to_i' for #<Liquid::Expression::MethodLiteral:0x… @method_name=:blank?, @to_s="">"."""
    from conftest import diagnostics_of
    site = site_factory({"_config.yml": CONFIG, **LAYOUT, "m.html": "---\n---\n{{ blank | to_integer }}"})
    assert [(d.line, d.message) for d in diagnostics_of(site) if d.severity == "error"] == [
        (3, "undefined method `to_i' for #<Liquid::Expression::MethodLiteral @method_name=:blank?, @to_s=\"\">")]


# (page name, body, the words of specsite's error, Jekyll's message): blocks Ruby's tokenizer leaves open
LAX_FATAL = [
    # a tag ends at the first `%}`: `{% for … %==}…{=% endfor %}` is one tag, the for never closed
    ("run-in-end-tag", "---\n---\n{% for i in (1..2) limit: -1 %==}{{ i }}{=% endfor %}", "{% for %} is never closed",
     "'for' tag was never closed"),
    # `{% endif }{%]] if x %}` is one endif tag: the second endif closes nothing
    ("stray-end-tag", "---\n---\n{% if true %}t{% else %}f{% endif }{%]] if page.x %}e{% endif %}", "Unknown tag 'endif'",
     "Unknown tag 'endif'"),
    # Block.raise_unknown_tag inside a block: an end tag not the block's, an else it does not take (swirl's 404.html)
    ("end-space-if", "---\n---\n{% if site.x != false %}or search {% end if %}to find", "'end' is not a valid "
     "delimiter for if tags. use endif", "'end' is not a valid delimiter for if tags. use endif"),
    ("endfor-in-if", "---\n---\n{% for i in (1..2) %}{% if i %}x{% endfor %}", "'endfor' is not a valid delimiter "
     "for if tags. use endif", "'endfor' is not a valid delimiter for if tags. use endif"),
    ("else-in-capture", "---\n---\n{% capture x %}a{% else %}b{% endcapture %}", "capture tag does not expect "
     "'else' tag", "capture tag does not expect 'else' tag"),
]


@pytest.mark.parametrize("name, body, words, _jekyll", LAX_FATAL)
def test_a_block_ruby_leaves_open_stops_the_build_in_lax_mode_too(site_factory, name, body, words, _jekyll):
    from conftest import diagnostics_of
    site = site_factory({"_config.yml": CONFIG, **LAYOUT, f"{name}.html": body})
    assert [words in d.message for d in diagnostics_of(site) if d.severity == "error"] == [True]


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
@pytest.mark.parametrize("name, body, _words, message", LAX_FATAL)
def test_jekyll_stops_on_a_block_left_open(tmp_path, name, body, _words, message):
    site = make_site(tmp_path / "site", {"_config.yml": CONFIG, **LAYOUT, f"{name}.html": body})
    run = jekyll_build(site, tmp_path / "out", check=False)
    assert run.returncode == 1 and message in run.stdout + run.stderr


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
@pytest.mark.parametrize("name, body, message", FAILING)
def test_jekyll_stops_there(tmp_path, name, body, message):
    site = make_site(tmp_path / "site", {"_config.yml": CONFIG, **LAYOUT, f"{name}.html": body})
    run = jekyll_build(site, tmp_path / "out", check=False)
    said = run.stdout + run.stderr
    assert run.returncode == 1 and message in said and f" in {name}.html" in said


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_jekyll_still_writes_the_expected_outputs(tmp_path):
    out = tmp_path / "jekyll"
    jekyll_build(_site(tmp_path), out)
    assert {n: (out / f"{n.removesuffix('.md')}.html").read_text() for n, *_ in CASES} == {c[0]: c[3] for c in CASES}
