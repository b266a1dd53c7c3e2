"""The sub-commands: each module declares its arguments (`register`) and runs (`run(args) -> ExitCode`).

Declaring is light: `cli.make_parser` imports every command to build the parser, so these modules
import no stage at load time; `run` imports the stages it needs when the command runs."""
