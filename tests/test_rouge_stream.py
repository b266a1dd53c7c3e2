"""rouge.engine.RegexLexer._stream's search past error characters gives the tokens of the plain
loop (a match a character), kept here as the reference."""
import random


def _texts(pieces, count, most, seed):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))


def _plain_stream(self, text: str) -> None:
    """rouge.engine.RegexLexer._stream as it was: a match a character where no rule matches."""
    from specsite.rouge.engine import ERROR, MAX_NULL_SCANS
    self.text = text
    pos, end, null_steps = 0, len(text), 0
    out = self._out
    while pos < end:
        state = self.stack[-1]
        if type(state) is str:
            combined, rules = self._fast(state)
            if combined is not None:
                hit = combined[0].match(text, pos)
                rules = (rules[combined[1][hit.lastindex]],) if hit is not None else ()
        else:
            rules = state
        for regex, action, nxt in rules:
            m = regex.match(text, pos)
            if m is None:
                continue
            self.match = m
            if callable(action):
                self._out = out
                action(self, m)
                out = self._out
            else:
                if m.end() > pos:
                    out.append((action, m.group()))
                if nxt is not None:
                    if nxt == "#pop":
                        self.stack.pop()
                    elif nxt == "#push":
                        self.stack.append(self.stack[-1])
                    else:
                        self.stack.append(nxt)
            if m.end() == pos:
                null_steps += 1
                if null_steps > MAX_NULL_SCANS:
                    out.append((ERROR, text[pos]))
                    pos += 1
                    break
            else:
                null_steps = 0
                pos = m.end()
            break
        else:
            out.append((ERROR, text[pos]))
            pos += 1
    self._out = out


def test_rouge_stream_searches_past_error_characters(monkeypatch):
    """Where no rule of the state matches, _stream searches for the next place one does (an error
    token a character up to there): the tokens the plain loop gives, lexer by lexer."""
    from specsite import rouge
    from specsite.rouge.engine import RegexLexer
    pieces = ["GET /x HTTP/1.1\n", "{", "}", '"a"', ":", "1", " ", "\n", "<a>", "</a>", "@", "#", "`", "\\", "$x",
              "é", "\u2028", "€", "/*", "*/", "'", "<!--", "-->", "HTTP/1.1 200 OK\n", "Content-Type: text/xml\n\n"]
    names = ["http", "json", "xml", "html", "javascript", "shell", "yaml", "python", "ruby", "css", "sql", "java"]
    texts = list(_texts(pieces, 300, 14, 41))
    fast = {(name, text): rouge.highlight(text, name) for name in names for text in texts}
    monkeypatch.setattr(RegexLexer, "_stream", _plain_stream)
    for (name, text), html in fast.items():
        assert rouge.highlight(text, name) == html, (name, text)
    assert any("err" in html for html in fast.values())  # (the error path was taken)
