"""Hostile model text and hostile file systems in the app: text stays text, failures stay messages.

Every case drives the app with Pilot and asserts that it is still running on the main
screen (no crash), that model text is shown literally (never read as markup, never with a
raw control character), and that a failed operation is a message in the app that makes the
exit status 1. One case runs the real command in a pseudo-terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from decisiontool.tui.app import DecisionApp
from decisiontool.tui.screens.dialogs import ChoiceDialog, ConfirmDialog, LessonDialog
from decisiontool.tui.screens.file_dialogs import ExportDialog
from decisiontool.tui.screens.main import MainScreen
from decisiontool.tui.widgets.ranking import RankingList
from decisiontool.tui.widgets.weights import WeightsList
from tests.tui.conftest import DATA, make_app, run, settle

ESC = "\x1b"
TITLE_ESCAPE = "\\u001b]0;PWNED\\u0007"
"""An OSC sequence that would retitle the terminal window, as written in a TOML string."""


def rewrite(path: Path, key: str, value: str) -> None:
    """Set the first `key = "..."` line of a TOML file to a TOML basic string `value`."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf'^{key} = ".*"$', re.MULTILINE)
    assert pattern.search(text), f"{key} not in {path}"
    path.write_text(pattern.sub(lambda _: f'{key} = "{value}"', text, count=1), encoding="utf-8")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The test model with markup and escape sequences in its names, descriptions and lessons."""
    root = tmp_path / "hostile"
    shutil.copytree(DATA, root)
    rewrite(root / "criteria" / "profiles" / "cost_first.toml", "name", "Cost first [/draft]")
    rewrite(root / "criteria" / "profiles" / "reach_first.toml", "description", "Reach [bold]first[/] [/]")
    rewrite(root / "options" / "regional_office.toml", "name", "Regional office [/draft]")
    rewrite(root / "options" / "sanctions_only.toml", "name", "Rights first [v2]")
    rewrite(root / "options" / "large_mission.toml", "name", f"Large mission {TITLE_ESCAPE}")
    rewrite(
        root / "options" / "law_enforcement_network.toml", "summary", "Net [link=http://x]y[/link] \\u001b[2J"
    )
    rewrite(root / "criteria" / "effectiveness.toml", "name", "Effectiveness [red]")
    lessons = root / "criteria" / "lessons.toml"
    lessons.write_text(
        lessons.read_text(encoding="utf-8").replace(
            'title = "Consent can be withdrawn"', 'title = "Consent [/i] can be withdrawn \\u001b[31m"'
        ),
        encoding="utf-8",
    )
    return root


def rows(row_list: Any) -> list[str]:
    width = row_list.size.width
    return [row_list.render_row(i, width, False).plain for i in range(row_list.row_count())]


def screen_text(app: DecisionApp) -> str:
    """Everything the terminal would show now, as text (what a person sees), line by line."""
    import html

    svg = app.export_screenshot()
    parts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.DOTALL)
    return html.unescape("".join(parts)).replace("\xa0", " ")


def notices(app: DecisionApp) -> str:
    """Every notification shown so far, as one line of text."""
    return " ".join(" ".join(f"{n.title} {n.message}".split()) for n in app._notifications)


def assert_alive(app: DecisionApp) -> None:
    assert app.is_running and app._exception is None
    assert any(isinstance(screen, MainScreen) for screen in app.screen_stack)


def test_names_with_markup_show_literally(hostile: Path) -> None:
    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(app, pilot)
            ranking = " ".join(rows(app.screen.query_one(RankingList)))
            assert "Regional office [/draft]"[:14] in ranking
            app.screen.query_one(RankingList).styles.width = 200
            shown = {entry.option: entry.name for entry in app.screen.query_one(RankingList).entries}
            assert shown["sanctions_only"] == "Rights first [v2]"
            weights = " ".join(rows(app.screen.query_one(WeightsList)))
            assert "Effectiveness [red]" in weights
            assert_alive(app)

    run(scenario)


def test_rights_first_v2_keeps_its_brackets_on_screen(hostile: Path) -> None:
    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(200, 50)) as pilot:
            await settle(app, pilot)
            assert "Rights first [v2]" in screen_text(app)

    run(scenario)


def test_profile_with_closing_tag_can_be_chosen(hostile: Path) -> None:
    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceDialog)
            await pilot.press("down", "enter")  # cost_first
            await settle(app, pilot)
            assert app.session.analysis.profile == "cost_first"
            assert "Cost first [/draft]" in screen_text(app)
            assert_alive(app)

    run(scenario)


def test_profile_description_with_markup_in_the_choice_dialog(hostile: Path) -> None:
    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("p")
            await pilot.pause()
            assert "Reach [bold]first[/] [/]" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert_alive(app)

    run(scenario)


@pytest.mark.parametrize("tab", ["a", "c", "s", "d"])
def test_every_tab_opens_with_hostile_names(hostile: Path, tab: str) -> None:
    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press(tab)
            await settle(app, pilot)
            await pilot.pause(0.2)
            await settle(app, pilot)
            assert_alive(app)
            assert app.failures == 0
            text = screen_text(app)
            assert ESC not in text

    run(scenario)


def test_escape_sequences_never_reach_the_terminal(hostile: Path) -> None:
    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(200, 50)) as pilot:
            ranking = app.screen.query_one(RankingList)
            ranking.focus()
            await pilot.press("home")
            await settle(app, pilot)
            for _ in range(4):
                text = screen_text(app)
                assert ESC not in text and "\x07" not in text
                await pilot.press("down")
                await settle(app, pilot)
            assert "\\x1b" in " ".join(rows(ranking))  # shown, made visible
            assert app.title == "decisiontool"  # the window title is ours, not the model's

    run(scenario)


def test_lesson_title_with_markup_and_escape(hostile: Path) -> None:
    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(140, 40)) as pilot:
            lesson = app.session.model.lessons["L2"]
            app.push_screen(LessonDialog(lesson))
            await pilot.pause()
            text = screen_text(app)
            assert "Consent [/i] can be withdrawn" in text and ESC not in text
            assert "Esc or Enter closes" in text
            await pilot.press("escape")
            await pilot.pause()
            assert_alive(app)

    run(scenario)


def export_to(pilot: Any, path_text: str) -> Any:
    """Open the export dialog, type a path, submit."""

    async def go() -> None:
        await pilot.press("ctrl+e")
        await pilot.pause()
        field = pilot.app.screen.query_one("#export-path")
        field.value = path_text
        field.focus()
        await pilot.press("enter")

    return go()


def test_export_to_an_unknown_home_keeps_the_dialog_and_the_path(hostile: Path) -> None:
    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(140, 40)) as pilot:
            await export_to(pilot, "~nosuchuser_decisiontool/x.md")
            await settle(app, pilot)
            assert isinstance(app.screen, ExportDialog)
            assert app.screen.query_one("#export-path").value == "~nosuchuser_decisiontool/x.md"  # type: ignore[attr-defined]
            assert "no user" in screen_text(app)
            assert app.failures == 0  # a typing slip, not a failure: the dialog says why
            await pilot.press("escape")
            await pilot.pause()
            assert_alive(app)

    run(scenario)


def test_export_to_a_path_with_a_closing_tag(hostile: Path, tmp_path: Path) -> None:
    folder = tmp_path / "odd [" / "x] folder"  # the path holds `[/x]`
    folder.mkdir(parents=True)
    target = folder / "report [b].md"
    assert "[/x]" in str(target)

    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(140, 40)) as pilot:
            await export_to(pilot, str(target))
            await settle(app, pilot)
            assert_alive(app)
            assert isinstance(app.screen, MainScreen)

    run(scenario)
    assert target.exists()
    assert "Regional office [/draft]" in target.read_text(encoding="utf-8").replace("\\", "")


def test_export_into_a_missing_folder_keeps_the_dialog(hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "report.md"

    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(140, 40)) as pilot:
            await export_to(pilot, str(target))
            await settle(app, pilot)
            assert isinstance(app.screen, ExportDialog)
            assert app.screen.query_one("#export-path").value == str(target)  # type: ignore[attr-defined]
            # the reason may wrap inside the dialog (the path's length varies): read it as words
            assert "does not exist" in " ".join(re.split(r"[█│\s]+", screen_text(app)))
            assert app.failures == 1
        assert app.return_code == 1 or app.exit_status == 1

    run(scenario)
    assert not target.exists()


def test_export_after_the_working_folder_was_deleted(hostile: Path, tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    here = Path.cwd()

    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(140, 40)) as pilot:
            os.chdir(gone)
            gone.rmdir()
            try:
                await export_to(pilot, "relative.md")
                await settle(app, pilot)
                assert isinstance(app.screen, ExportDialog)
                assert "working folder no longer exists" in screen_text(app)
                await pilot.press("escape")
                await pilot.pause()
                await pilot.press("ctrl+e")  # the default path must not need the working folder either
                await pilot.pause()
                assert isinstance(app.screen, ExportDialog)
                assert_alive(app)
            finally:
                os.chdir(here)

    run(scenario)


def save_as(pilot: Any, profile_id: str, name: str) -> Any:
    async def go() -> None:
        await pilot.press("down", "right", "ctrl+s")
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#profile-id").value = profile_id
        screen.query_one("#profile-name").value = name
        screen.query_one("#profile-name").focus()
        await pilot.press("enter")

    return go()


def test_saving_when_profiles_became_a_file(hostile: Path) -> None:
    # a model whose criteria/profiles is a file does not load; here it becomes one while the app runs
    profiles = hostile / "criteria" / "profiles"

    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(140, 40)) as pilot:
            shutil.rmtree(profiles)
            profiles.write_text("not a folder", encoding="utf-8")
            await save_as(pilot, "council", "Council [/view]")
            await settle(app, pilot)
            assert_alive(app)
            assert app.failures == 1
            assert "is a file, not a folder" in notices(app)
            assert app.session.unsaved  # the weights are still there to save elsewhere

    run(scenario)
    assert profiles.read_text(encoding="utf-8") == "not a folder"


def test_saving_into_a_folder_that_refuses_writes(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod does not stop root, so the refusal is what the OS would raise for a read-only folder
    import decisiontool.profile_writer as writer

    def refuse(path: Path, text: str, **_: Any) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(writer, "write_text_atomic", refuse)

    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(140, 40)) as pilot:
            await save_as(pilot, "council", "Council")
            await settle(app, pilot)
            assert_alive(app)
            assert app.failures == 1
            assert "Permission denied" in notices(app)

    run(scenario)
    assert not (hostile / "criteria" / "profiles" / "council.toml").exists()


def test_saving_over_a_profile_with_dotted_keys(hostile: Path) -> None:
    path = hostile / "criteria" / "profiles" / "reach_first.toml"
    path.write_text(
        'name = "Reach first"\ndescription = "dotted"\nweights.reach = 6   # six times\n', encoding="utf-8"
    )

    async def scenario() -> None:
        app = make_app(hostile, profile="reach_first")
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("down", "down", "right", "ctrl+s")
            await pilot.pause()
            await pilot.press("enter")  # same id: overwrite
            await pilot.pause()
            await pilot.press("y")
            await settle(app, pilot)
            assert_alive(app)
            assert app.failures == 0
            assert not app.session.unsaved

    run(scenario)
    import tomli

    saved = tomli.loads(path.read_text(encoding="utf-8"))
    assert saved["weights"]["reach"] != 6
    assert "six times" not in path.read_text(encoding="utf-8")  # no longer true: the comment goes


def test_saving_warns_about_an_edit_made_outside(hostile: Path) -> None:
    path = hostile / "criteria" / "profiles" / "cost_first.toml"

    async def scenario() -> None:
        app = make_app(hostile, profile="cost_first")
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("down", "right")
            path.write_text(
                path.read_text(encoding="utf-8") + "\n# edited by a colleague\n", encoding="utf-8"
            )
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert "edited outside the app" in app.screen.question
            await pilot.press("n")
            await settle(app, pilot)
            assert_alive(app)

    run(scenario)
    assert "edited by a colleague" in path.read_text(encoding="utf-8")


def test_a_failing_computation_is_a_message_not_an_exit(
    hostile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import decisiontool.tui.screens.tabs as tabs

    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("sampler exploded [/boom]")

    monkeypatch.setattr(tabs, "smaa_summary", broken)

    async def scenario() -> None:
        app = make_app(hostile)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("a")
            await settle(app, pilot)
            await pilot.pause(0.2)
            assert_alive(app)
            assert app.failures == 1
            assert "sampler exploded [/boom]" in notices(app)
            await pilot.press("q")
            await pilot.pause()
        assert app.return_code == 1

    run(scenario)


def pty_run(
    args: list[str], keys: list[tuple[float, bytes]], cwd: Path, timeout: float = 40.0
) -> tuple[int, str]:
    """Run a command in a pseudo-terminal (80x24), type `keys` (delay, bytes), return (status, output)."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: the app in a real terminal
        os.chdir(cwd)
        env = dict(os.environ, TERM="xterm-256color", PYTHONPATH=str(Path(__file__).parents[2]))
        os.execvpe(args[0], args, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    output = bytearray()
    deadline = time.monotonic() + timeout
    pending = list(keys)
    next_at = time.monotonic() + (pending[0][0] if pending else 0)
    status = None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            output += chunk
        if pending and time.monotonic() >= next_at:
            os.write(fd, pending.pop(0)[1])
            next_at = time.monotonic() + (pending[0][0] if pending else 0)
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = code
            break
    while status is None and time.monotonic() < deadline:  # the terminal closed: the app is ending
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = code
        else:
            time.sleep(0.1)
    if status is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        raise AssertionError("the app did not quit: " + output.decode("utf-8", "replace")[-2000:])
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_real_terminal_hostile_model_then_a_failed_export(hostile: Path, tmp_path: Path) -> None:
    """The command in a pty: tabs open on hostile names, a failed export, quit: no traceback, exit 1."""
    command = [sys.executable, "-m", "decisiontool", "tui", "--data", str(hostile)]
    keys = [
        (3.0, b"a"),
        (1.5, b"c"),
        (1.5, b"\x05"),  # ctrl+e: export
        (1.0, b"\x15"),  # ctrl+u: clear the path
        (0.3, str(tmp_path / "missing" / "r.md").encode() + b"\r"),
        (3.0, b"\x1b"),  # close the reopened dialog
        (2.0, b"q"),
        (3.0, b"q"),  # again, should the first have come while the dialog was still closing
    ]
    status, output = pty_run(command, keys, tmp_path)
    assert "Traceback" not in output and "MarkupError" not in output
    assert "\x1b]0;PWNED" not in output  # the model's title escape never reaches the terminal raw
    assert "\\x1b]0;PWNED" in output  # it is shown, made visible
    assert status == 1, output[-2000:]
