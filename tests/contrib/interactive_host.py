"""A tiny host for the interactive-policy tests, run in a subprocess.

``python interactive_host.py PLUGIN_DIR [OFFERED...]`` loads one plugin with the
``interactive`` extension enabled, the host offering the capabilities named, and prints the
outcome as ``RESULT {json}`` on its own line.  With ``FUSABI_TEST_BACKGROUND=1`` it first moves
into a background process group of its terminal.
"""

from __future__ import annotations

import json
import os
import sys

from fusabi_host import (
    Capabilities,
    CapabilityError,
    EngineConfig,
    LoaderConfig,
    PluginRuntime,
    RuntimeConfig,
)


def main(argv: list[str]) -> int:
    plugin_dir, offered = argv[0], argv[1:]
    if os.environ.get("FUSABI_TEST_BACKGROUND"):
        child = os.fork()
        if child:
            _, status = os.waitpid(child, 0)
            return os.waitstatus_to_exitcode(status)
        os.setpgid(0, 0)  # a new process group: not the terminal's foreground one
    config = RuntimeConfig(
        enable_extensions=("interactive",),
        loader=LoaderConfig(engine=EngineConfig(capabilities=Capabilities.of(*offered))),
    )
    with PluginRuntime(config) as runtime:
        try:
            handle = runtime.load(plugin_dir)
        except CapabilityError as exc:
            result: dict[str, object] = {"error": str(exc)}
        else:
            result = {"granted": list(handle.capabilities.names())}
    sys.stdout.write("RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
