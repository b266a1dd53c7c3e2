"""Command-line parts that must load fast: argument declarations, imported by cli.make_parser."""
