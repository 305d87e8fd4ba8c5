#!/usr/bin/python3
# drive-window.py
# Copyright 2026 The Gongfu Atlas authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Drives the built application over AT-SPI, as a user would: the first-run page loads the sample
# district (or a given database is opened), each view is shown from the view switcher, the Map
# summary is read, the Charts view switches to villages and back, every button has a name,
# the primary menu opens the About window, the dialogs (Add to Briefing, Briefings and its
# New Briefing, Export, Preferences) open, have one clear name for each control and close
# again, and the window closes.
#
#   shared/tools/headless /usr/bin/python3 tests/ui/drive-window.py BUILD_DIR [DATABASE]
#
# Exits 0 on success, 1 on a failed check, 77 when dogtail is not installed (a skip for meson).
# The application must not run with GTK_A11Y=none or G_DEBUG=fatal-warnings (tools/README.md).

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

try:
    from dogtail.config import config
    config.checkForA11y = False
    config.actionDelay = 0.1
    config.searchBackoffDuration = 0.1
    config.defaultDelay = 0.1
    config.searchCutoffCount = 50
    config.logDebugToFile = False
    from dogtail import tree
    from dogtail.predicate import GenericPredicate
    import pyatspi
except ImportError as error:
    print(f"SKIP: dogtail is not available ({error})")
    sys.exit(77)

if "DISPLAY" not in os.environ and "WAYLAND_DISPLAY" not in os.environ:
    print("SKIP: no display; run under shared/tools/headless")
    sys.exit(77)


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)
    print(f"ok - {message}")


def wait_for(predicate, what, timeout=30.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            result = predicate()
            if result:
                return result
        except CheckFailed:
            raise
        except Exception:  # the tree changes under us while the window updates
            pass
        time.sleep(0.1)
    raise CheckFailed(f"timed out waiting for {what}")


def find_application(process, name):
    """The application's AT-SPI node. Under the sanitizers and a loaded machine the first
    window takes far longer than dogtail's own search waits (50 × 0.1 s)."""
    if process.poll() is not None:
        raise CheckFailed(f"{name} exited with status {process.returncode} before its window")
    return next((app for app in tree.root.applications() if app.name == name), None)


def find_all(node, role=None, name=None):
    return node.findChildren(GenericPredicate(name=name, roleName=role), showingOnly=False)


def find_first(node, role=None, name=None):
    found = find_all(node, role, name)
    return found[0] if found else None


def has_state(node, state):
    return node.getState().contains(state)


def said_twice(name):
    words = name.split(" ")
    half = len(words) // 2
    return "_" in name or (len(words) % 2 == 0 and half > 0 and words[:half] == words[half:])


def unnamed_in(controls):
    """An unnamed control is exposed under its widget type ("GtkToggleButton")."""
    return sorted({n.name or "(no name)" for n in controls
                   if not n.name or n.name.startswith("Gtk")})


def repeated_in(controls):
    return sorted({n.name for n in controls if n.name and said_twice(n.name)})


# The controls of a dialog whose names are checked. One walk of the dialog's tree finds them
# all: every node costs a round trip to the application.
DIALOG_CONTROLS = ("push button", "toggle button", "check box", "spin button", "combo box",
                   "text")


def check_dialog_names(dialog, what):
    """Checks that every control of @dialog has one clear name, as the main window's are
    checked, and returns the controls."""
    controls = dialog.findChildren(lambda n: n.roleName in DIALOG_CONTROLS, showingOnly=False)
    wrong = unnamed_in(controls) + repeated_in(controls)
    check(controls and not wrong,
          f"all {len(controls)} controls of {what} have one clear name ({', '.join(wrong)})")
    return controls


def button_named(controls, name, what):
    found = [n for n in controls if n.name == name and "click" in n.actions]
    if not found:
        raise CheckFailed(f"{what} has no {name} button")
    return found[0]


def new_window(app, before, what):
    return wait_for(lambda: [w for w in app.children if w not in before][0], what)


def open_from_menu(app, menu_button, label):
    """Opens the window of a primary menu item. The menu is a popover of the menu button,
    searched alone: a search of the whole application takes seconds."""
    before = app.children
    menu_button.doActionNamed("click")
    item = wait_for(lambda: find_first(menu_button.parent, "menu item", label),
                    f"the {label} item of the primary menu")
    item.doActionNamed("click")
    return new_window(app, before, f"the window of {label}")


def close_window(app, window, what, button=None):
    """Closes with the window's own close button when it has one, else as Escape does."""
    if button is not None:
        button.doActionNamed("click")
    else:
        window.doActionNamed("window.close")
    # GTK 4.8's AT-SPI root lists a window that is being destroyed with no object path and
    # crashes on it (g_variant_new_object_path (NULL), seen once under ASan): the application's
    # children are read only once the window has had time to go.
    time.sleep(1.0)
    wait_for(lambda: window not in app.children, f"{what} to close", timeout=10)


def numbers_in(node):
    """Names of the labels that hold a count: the Map summary's figures, not the years."""
    years = set()
    for combo in find_all(node, "combo box", "Year"):
        years.update(n.name for n in find_all(combo, "label"))
    return [n.name for n in find_all(node, "label")
            if n.name and n.name.replace(",", "").isdigit() and n.name not in years]


def main():
    if len(sys.argv) < 2:
        print(f"usage: {sys.argv[0]} BUILD_DIR [DATABASE]", file=sys.stderr)
        return 2

    build_dir = sys.argv[1]
    program = os.path.join(build_dir, "ui", "gongfu-atlas")
    if not os.access(program, os.X_OK):
        print(f"Bail out! {program} is not built")
        return 1

    workdir = tempfile.mkdtemp(prefix="gf-drive-")
    database = os.path.join(workdir, "district.sqlite")
    from_first_run = len(sys.argv) < 3
    if not from_first_run:
        shutil.copy(sys.argv[2], database)

    env = dict(os.environ)
    env["GF_DATABASE"] = database
    env.setdefault("GSETTINGS_BACKEND", "memory")
    env.setdefault("GSETTINGS_SCHEMA_DIR", os.path.join(build_dir, "data"))
    env.pop("GTK_A11Y", None)
    env["G_DEBUG"] = "gc-friendly"

    log = open(os.path.join(workdir, "app.log"), "w")
    process = subprocess.Popen([program], env=env, stdout=log, stderr=subprocess.STDOUT)
    status = 1
    try:
        app = wait_for(lambda: find_application(process, "gongfu-atlas"), "the application",
                       timeout=120.0)
        frame = wait_for(lambda: find_first(app, "frame", "Gongfu Atlas"), "the main window")
        check(frame is not None, "the main window is shown")

        # GTK 4.8 does not expose the SHOWING state of widgets; hidden stack pages stay in the
        # tree. Views are told apart by the selected state of their tabs, and the first-run
        # page by the counts that appear once the sample district is in.
        if from_first_run:
            button = wait_for(lambda: find_first(frame, "push button",
                                                 "Load the Sample District"),
                              "the first-run page")
            check(not numbers_in(frame), "the first-run page offers the sample district")
            button.doActionNamed("click")
            wait_for(lambda: len(numbers_in(frame)) >= 4, "the sample district to load",
                     timeout=60)
            check(True, "the sample district is loaded")

        check(find_first(frame, "label", "Sample data — an invented district for trying the "
                                         "application") is not None,
              "the sample banner is there")
        check(find_first(frame, "combo box", "Year") is not None, "the year selector is there")

        for view in ("Charts", "Leaderboard", "Records", "Map"):
            tab = wait_for(lambda: find_first(frame, "page tab", view), f"the {view} tab")
            tab.doActionNamed("click")
            wait_for(lambda: has_state(tab, pyatspi.STATE_SELECTED), f"the {view} tab selected")
            others = [t for t in find_all(frame, "page tab")
                      if t.name != view and has_state(t, pyatspi.STATE_SELECTED)]
            check(not others, f"the {view} view is shown from the view switcher")

        # Leaderboard: the six sample clusters ranked, each row read out with its rank and
        # score, and the ranking offered to a briefing.
        tab = wait_for(lambda: find_first(frame, "page tab", "Leaderboard"), "the Leaderboard tab")
        tab.doActionNamed("click")
        wait_for(lambda: has_state(tab, pyatspi.STATE_SELECTED), "the Leaderboard tab selected")
        rows = wait_for(lambda: [n for n in find_all(frame, "list item")
                                 if re.match(r"^\d+\. .+, [\d.]+ points", n.name)],
                        "the ranked rows")
        check(len(rows) == 6 and rows[0].name.startswith("1. "),
              f"the Leaderboard ranks the six clusters ({rows[0].name if rows else ''})")
        add_button = find_first(frame, "push button", "Add to Briefing…")
        check(add_button is not None, "the Leaderboard offers its ranking to a briefing")
        before = app.children
        add_button.doActionNamed("click")
        dialog = new_window(app, before, "the Add to Briefing dialog")
        check_dialog_names(dialog, "the Add to Briefing dialog")
        close_window(app, dialog, "the Add to Briefing dialog")
        tab = wait_for(lambda: find_first(frame, "page tab", "Map"), "the Map tab")
        tab.doActionNamed("click")
        wait_for(lambda: has_state(tab, pyatspi.STATE_SELECTED), "the Map tab selected")

        for caption in ("Towns", "Villages", "Clusters", "Sites"):
            check(find_first(frame, "label", caption) is not None,
                  f"the Map summary shows {caption}")
        numbers = numbers_in(frame)
        check(len(numbers) >= 4 and all(int(n.replace(",", "")) > 0 for n in numbers[:4]),
              f"the Map summary shows counts ({', '.join(numbers[:4])})")
        check(find_first(frame, "label", "Clusters of the Current Layout") is not None,
              "the Map summary lists the clusters")

        # Charts: village mode without a village explains itself and offers the picker; back
        # to the clusters, the dashboard returns.
        tab = wait_for(lambda: find_first(frame, "page tab", "Charts"), "the Charts tab")
        tab.doActionNamed("click")
        wait_for(lambda: has_state(tab, pyatspi.STATE_SELECTED), "the Charts tab selected")
        villages = wait_for(lambda: [n for n in find_all(frame, None, "Compare villages")
                                     if "click" in n.actions][0], "the Villages toggle")
        villages.doActionNamed("click")
        check(wait_for(lambda: find_first(frame, "label", "Choose Villages to Compare"),
                       "the village empty state") is not None,
              "the Charts view asks for villages in village mode")
        check(wait_for(lambda: [n for n in find_all(frame, "push button")
                                if n.name.endswith("Choose Villages…")], "the picker button"),
              "the empty state offers the village picker")
        clusters = wait_for(lambda: [n for n in find_all(frame, None, "Compare clusters")
                                     if "click" in n.actions][0], "the Clusters toggle")
        clusters.doActionNamed("click")
        check(wait_for(lambda: find_first(frame, "label", "Clusters ranked by collective "
                                                         "operating income"),
                       "the cluster charts") is not None,
              "the Charts view compares the clusters again")

        # Every control has a name of its own: an unnamed one is exposed under its widget type
        # ("GtkToggleButton": GTK 4.8 does that to the button inside a drop-down).
        controls = find_all(frame, "push button") + find_all(frame, "toggle button")
        unnamed = unnamed_in(controls)
        check(not unnamed, f"all {len(controls)} buttons have names ({', '.join(unnamed)})")
        # … said once, without a mnemonic's underscore: GTK 4.8 doubles some names ("_Edit…
        # Edit…", "Villages Villages") when a widget has a label and is labelled by another.
        controls += find_all(frame, "check box") + find_all(frame, "spin button")
        repeated = repeated_in(controls)
        check(not repeated, f"no control's name is said twice ({', '.join(repeated)})")

        menu_button = wait_for(lambda: [n for n in find_all(frame, "push button", "Main Menu")
                                        if "click" in n.actions][0],
                               "the Main Menu button")
        menu_button.doActionNamed("click")
        about_item = wait_for(lambda: find_first(menu_button.parent, "menu item",
                                                 "About Gongfu Atlas"),
                              "the About item of the primary menu")
        check(True, "the primary menu opens")
        about_item.doActionNamed("click")
        about = wait_for(lambda: [w for w in app.children
                                  if w != frame and find_first(w, "label", PACKAGE_VERSION)],
                         "the About window")[0]
        check(True, "the About window shows the version")
        close_window(app, about, "the About window")

        # The dialogs, opened as a user opens them; the ones that name a control twice or not
        # at all on GTK 4.8 are mended by ui/gf-accessible.c.
        briefings = open_from_menu(app, menu_button, "Briefings…")
        controls = check_dialog_names(briefings, "the Briefings window")
        before = app.children
        button_named(controls, "New Briefing", "the Briefings window").doActionNamed("click")
        dialog = new_window(app, before, "the New Briefing dialog")
        check_dialog_names(dialog, "the New Briefing dialog")
        close_window(app, dialog, "the New Briefing dialog")
        close_window(app, briefings, "the Briefings window",
                     button_named(controls, "Close", "the Briefings window"))

        dialog = open_from_menu(app, menu_button, "Export…")
        check_dialog_names(dialog, "the Export dialog")
        close_window(app, dialog, "the Export dialog")

        preferences = open_from_menu(app, menu_button, "Preferences")
        controls = check_dialog_names(preferences, "the Preferences window")
        close_window(app, preferences, "the Preferences window",
                     button_named(controls, "Close", "the Preferences window"))

        # The application may quit before AT-SPI answers the close action, which dogtail then
        # reports as an error of its own; the exit status below is what counts.
        try:
            frame.doActionNamed("window.close")
        except Exception:
            pass
        process.wait(timeout=10)
        check(process.returncode == 0, "the application quits cleanly")
        status = 0
    except CheckFailed as error:
        print(f"not ok - {error}")
    except Exception as error:  # dogtail raises its own errors when a node never appears
        print(f"not ok - {type(error).__name__}: {error}")
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        if status != 0:
            with open(os.path.join(workdir, "app.log")) as app_log:
                sys.stdout.write(app_log.read())
        shutil.rmtree(workdir, ignore_errors=True)

    return status


PACKAGE_VERSION = os.environ.get("GF_PACKAGE_VERSION", "0.1.0")

if __name__ == "__main__":
    sys.exit(main())
