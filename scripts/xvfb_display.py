"""An Xvfb display for the measurement scripts, started and waited for."""
import os, subprocess, sys, time


def start_display(display):
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if os.path.exists("/tmp/.X11-unix/X" + display[1:]):
            return server
        time.sleep(0.05)
    sys.exit("Xvfb did not start")
