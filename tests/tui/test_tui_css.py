"""The stylesheet is split: the home screen's rules at start-up, every other screen's later."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.screen import Screen
from tui_helpers import settle

import assistant.tui.screens as screens_package
from assistant.tui.app import AssessorApp
from assistant.tui.screens import SCREENS_CSS
from assistant.tui.screens.home_screen import HomeScreen


def screen_classes() -> list[type[Screen[object]]]:
    found: dict[str, type[Screen[object]]] = {}
    for info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"assistant.tui.screens.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__.startswith("assistant."):
                found[cls.__qualname__] = cls
    return list(found.values())


def test_every_screen_but_home_names_the_screens_stylesheet() -> None:
    classes = screen_classes()
    assert len(classes) > 15  # the walk found the screens
    lacking = [
        c.__name__ for c in classes if c is not HomeScreen and SCREENS_CSS not in _paths(c.CSS_PATH)
    ]
    assert lacking == []
    assert HomeScreen.CSS_PATH is None  # its rules are in app.tcss, parsed at start


def _paths(css_path: object) -> list[str]:
    if css_path is None:
        return []
    return [str(p) for p in css_path] if isinstance(css_path, list) else [str(css_path)]


async def test_the_other_screens_rules_load_once_the_home_screen_has_listed(
    app: AssessorApp,
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.stylesheet.has_source(SCREENS_CSS, "")
        rules = len(app.stylesheet.rules)
        app.load_screens_css()  # a second call reads nothing again
        assert len(app.stylesheet.rules) == rules
