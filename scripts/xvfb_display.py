"""An Xvfb display for the measurement scripts, started and waited for."""
import os, subprocess, sys, time


def clear_stale(display):
    """A display killed without cleaning up leaves its lock and socket; a new server would
    then seem ready before it is. Removes them when the process that held them is gone."""
    number = display[1:]
    lock = f"/tmp/.X{number}-lock"
    try:
        pid = int(open(lock).read().strip())
        os.kill(pid, 0)
        return  # a live server holds the display
    except (OSError, ValueError):
        pass
    for path in (lock, f"/tmp/.X11-unix/X{number}"):
        try:
            os.remove(path)
        except OSError:
            pass


def start_display(display):
    clear_stale(display)
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if os.path.exists("/tmp/.X11-unix/X" + display[1:]):
            return server
        time.sleep(0.05)
    sys.exit("Xvfb did not start")
