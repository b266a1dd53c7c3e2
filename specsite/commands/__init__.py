"""The sub-commands: each module declares its arguments (`register`) and runs (`run(args) -> ExitCode`).

Declaring is light: `cli.make_parser` imports the command being run (every command for --help),
so these modules import no stage at load time; `run` imports the stages it needs when it runs."""

COMMANDS = ("build", "check", "release", "serve", "diff")  # modules of this package, in --help order
