#!/usr/bin/env python3
"""score.py BINARY [--details OUT.json]: the probes' scorer (../score.py) run over this probe's
guides/ and key.json."""
import os
import runpy

HERE = os.path.dirname(os.path.abspath(__file__))
os.environ["UNSEEN_PROBE_DIR"] = HERE
runpy.run_path(os.path.join(HERE, "..", "score.py"), run_name="__main__")
